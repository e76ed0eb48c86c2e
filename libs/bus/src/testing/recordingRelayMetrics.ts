import type { RelayIdentity, RelayMetrics } from '../relay/relayMetrics';

/** Keeps what a relay reports, and lets a test act the moment a failure is reported. */
export class RecordingRelayMetrics implements RelayMetrics {
  publishedTotal = 0;
  publishErrors = 0;
  readonly backlogs: number[] = [];

  constructor(private readonly onPublishFailed: (errors: number) => void = () => undefined) {}

  published(_relay: RelayIdentity, count: number): void {
    this.publishedTotal += count;
  }

  publishFailed(): void {
    this.publishErrors += 1;
    this.onPublishFailed(this.publishErrors);
  }

  backlog(_relay: RelayIdentity, events: number): void {
    this.backlogs.push(events);
  }
}
