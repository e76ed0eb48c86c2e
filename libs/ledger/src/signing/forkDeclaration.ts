import { LedgerValidationError } from '../errors/ledgerError';
import type { EventStore } from '../store/eventStore';
import { TreeProofs } from '../tree/treeProofs';
import type { Pool } from 'pg';
import { compareWithCheckpoint, maySign, type CheckpointComparison } from './checkpointCheck';
import type { CheckpointStore, RetiredCheckpoint } from './checkpointStore';

/** The org's stream of fork declarations. */
export const FORK_DECLARATION_STREAM = 'ledger-tree-head-forks';
export const FORK_DECLARED_EVENT = 'TreeHeadForkDeclared';

export interface ForkDeclarationInput {
  pool: Pool;
  ledger: EventStore;
  checkpoints: CheckpointStore;
  orgId: string;
  /** Why the published head is abandoned: an operator's words, sealed in the event's personal part. */
  reason: string;
  /** Who declares it (an id). */
  actor: string;
}

export interface ForkDeclaration {
  readonly eventId: string;
  readonly comparison: CheckpointComparison;
  readonly retired: RetiredCheckpoint;
}

/**
 * Declares, in the org's own ledger, that its log forks from the latest published head: the
 * event records the abandoned head (size, root, key, time) and the database tree it forks at,
 * then the store retires that head to its history, so signing resumes from the database tree.
 * Refused when the database is consistent with the head (there is no fork to declare).
 */
export async function declareFork(input: ForkDeclarationInput): Promise<ForkDeclaration> {
  const { orgId, checkpoints } = input;
  if (input.reason.trim() === '') {
    throw new LedgerValidationError('reason', 'required');
  }
  const comparison = await compareWithCheckpoint(new TreeProofs(input.pool), orgId, await checkpoints.latest(orgId));
  const published = comparison.published;
  if (!published || maySign(comparison)) {
    // Declaring a fork where there is none would abandon a head the database still extends.
    throw new LedgerValidationError('orgId', `has no fork to declare (${comparison.status})`);
  }
  const appended = await input.ledger.append({
    orgId,
    streamId: FORK_DECLARATION_STREAM,
    expectedRevision: 'any',
    events: [
      {
        type: FORK_DECLARED_EVENT,
        data: {
          status: comparison.status,
          treeSize: comparison.treeSize,
          rootHash: comparison.rootHash,
          publishedHead: {
            treeSize: published.treeSize,
            rootHash: published.rootHash,
            keyId: published.keyId,
            timestamp: published.timestamp,
            signature: published.signature,
          },
        },
        // Free text may name people: sealed under the stream's data key, like other operator reasons.
        personal: { reason: input.reason },
        metadata: { actor: input.actor },
      },
    ],
  });
  const eventId = appended.eventIds[0];
  const retired = await checkpoints.retire(orgId, {
    retiredAt: new Date().toISOString(),
    declarationEventId: eventId,
    treeSize: comparison.treeSize,
  });
  if (!retired) throw new Error(`org ${orgId}: its published head went away while the fork was declared`);
  return { eventId, comparison, retired };
}
