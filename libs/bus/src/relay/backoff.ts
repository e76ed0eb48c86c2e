export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
}

/**
 * Capped exponential delays: initialMs, twice that, … up to maxMs, then maxMs for ever. No jitter:
 * one relay per service retries against its broker, so there is no herd to spread.
 */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 200;
    this.maxMs = Math.max(this.initialMs, options.maxMs ?? 10_000);
  }

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }
}
