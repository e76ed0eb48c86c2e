import type { SignedTreeHead } from './treeHead';
import type { TreeHeadAge } from './treeHeadAge';

export interface TreeHeadSchedulerOptions {
  intervalMs: number;
  /** Errors the schedule survives (it tries again next tick); must not log event content. */
  onError?: (error: unknown) => void;
  onPublished?: (heads: SignedTreeHead[]) => void;
  /** Told the stalest org's latest head after every run: `ledger_tree_head_age_seconds`. */
  age?: TreeHeadAge;
}

/** Something that publishes the due tree heads, such as TreeHeadPublisher. */
export interface DueHeadPublisher {
  publishDue(): Promise<SignedTreeHead[]>;
  stalestLatestHead(): Promise<Date | null>;
}

/**
 * Publishes due tree heads every intervalMs. Runs never overlap: the next wait starts when a run
 * ends, so a slow database delays the schedule instead of piling up runs.
 */
export class TreeHeadScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;

  constructor(
    private readonly publisher: DueHeadPublisher,
    private readonly options: TreeHeadSchedulerOptions,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule();
  }

  /** Stops the schedule and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.options.intervalMs);
  }

  private async runOnce(): Promise<void> {
    try {
      const heads = await this.publisher.publishDue();
      if (heads.length > 0) this.options.onPublished?.(heads);
      if (this.options.age) this.options.age.record(await this.publisher.stalestLatestHead());
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
