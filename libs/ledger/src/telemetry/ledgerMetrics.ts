import { metrics, type Counter, type Histogram, type Meter } from '@opentelemetry/api';
import { errorType } from '@ledger/observability';
import { countFailures } from '../verify/verificationMetrics';
import { skippedEvents } from './skippedEvents';

const CONFLICT_CODES = ['LEDGER.VERSION_CONFLICT', 'LEDGER.EVENT_ID_CONFLICT'] as const;
const BATCH_OUTCOMES = ['sequenced', 'idle', 'elsewhere', 'failed'] as const;

export const LEDGER_METRICS = {
  appendDuration: 'ledger.append.duration',
  appendConflicts: 'ledger.append.conflicts',
  sequencerBatches: 'ledger.sequencer.batches',
  sequencerEvents: 'ledger.sequencer.events',
} as const;

/**
 * The ledger's own instruments, taken from the meter provider when a ledger is built (never at
 * import: the metrics API has no proxy, so a meter taken before the SDK started stays a no-op).
 * Attributes are outcomes and error codes only: never an org, a stream or an actor. Every counter
 * series of a known label set starts at 0 here: OpenTelemetry shows a counter only once added to,
 * and `rate()` or `increase()` cannot see the first event of a series that appears with it.
 */
export class LedgerMetrics {
  private readonly appendDuration: Histogram;
  private readonly appendConflicts: Counter;
  private readonly sequencerBatches: Counter;
  private readonly sequencerEvents: Counter;

  constructor(meter: Meter = metrics.getMeter('@ledger/ledger')) {
    this.appendDuration = meter.createHistogram(LEDGER_METRICS.appendDuration, {
      description: 'Duration of ledger appends, by outcome',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] },
    });
    this.appendConflicts = meter.createCounter(LEDGER_METRICS.appendConflicts, {
      description: 'Appends refused by optimistic concurrency or a reused event id, by error code',
    });
    this.sequencerBatches = meter.createCounter(LEDGER_METRICS.sequencerBatches, {
      description: 'Sequencer batches, by outcome (sequenced, idle, busy elsewhere, failed)',
    });
    this.sequencerEvents = meter.createCounter(LEDGER_METRICS.sequencerEvents, {
      description: 'Events the sequencer assigned a per-org sequence to',
      unit: '{event}',
    });
    for (const code of CONFLICT_CODES) this.appendConflicts.add(0, { 'error.type': code });
    for (const outcome of BATCH_OUTCOMES) this.sequencerBatches.add(0, { outcome });
    this.sequencerEvents.add(0);
    countFailures([], meter);
    skippedEvents(meter);
  }

  appended(seconds: number, error?: unknown): void {
    if (error === undefined) {
      this.appendDuration.record(seconds, { outcome: 'ok' });
      return;
    }
    const code = errorType(error);
    this.appendDuration.record(seconds, { outcome: 'error', 'error.type': code });
    if ((CONFLICT_CODES as readonly string[]).includes(code)) this.appendConflicts.add(1, { 'error.type': code });
  }

  sequenced(outcome: (typeof BATCH_OUTCOMES)[number], events = 0): void {
    this.sequencerBatches.add(1, { outcome });
    if (events > 0) this.sequencerEvents.add(events);
  }
}
