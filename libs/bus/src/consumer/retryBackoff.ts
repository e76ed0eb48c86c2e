export interface RetryPolicy {
  /** Handler attempts before the message is dead-lettered. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 5000 };

/** The wait after failed attempt number `attempt` (1-based). */
export function backoffAfter(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
