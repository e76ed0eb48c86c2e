import type { Pool } from 'pg';
import { applyOnce, type ApplyResult, type EnvelopeHandler } from './applyOnce';
import type { EventEnvelope, MessagePosition } from './eventEnvelope';
import { isInfrastructureFailure } from './failureKinds';
import { backoffAfter, sleep, type RetryPolicy } from './retryBackoff';

export type HandlingResult =
  { outcome: ApplyResult; attempts: number } | { outcome: 'failed'; attempts: number; error: unknown };

export interface HandlingContext {
  pool: Pool;
  inboxTable: string;
  handle: EnvelopeHandler;
  policy: RetryPolicy;
  /** Keeps the group membership alive while waiting between attempts. */
  heartbeat: () => Promise<void>;
  onRetry: (attempt: number, error: unknown) => void;
}

/**
 * Applies the message, retrying a failing handler with backoff; each attempt is its own
 * transaction, so a failed one leaves nothing behind. Infrastructure failures are thrown, not
 * counted: the message stays uncommitted and Kafka redelivers it once the database is back.
 */
export async function handleWithRetries(
  envelope: EventEnvelope,
  position: MessagePosition,
  context: HandlingContext,
): Promise<HandlingResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const outcome = await applyOnce(context.pool, context.inboxTable, envelope, position, context.handle);
      return { outcome, attempts: attempt };
    } catch (error) {
      if (isInfrastructureFailure(error)) throw error;
      if (attempt >= context.policy.maxAttempts) return { outcome: 'failed', attempts: attempt, error };
      context.onRetry(attempt, error);
      await sleep(backoffAfter(attempt, context.policy));
      await context.heartbeat();
    }
  }
}
