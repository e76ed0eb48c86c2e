import { EventIdConflictError } from '../errors/ledgerError';
import type { AppendResult } from '../events/types';
import type { PreparedEvent } from './preparedEvent';
import type { StoredIdentity } from './storedEvents';

/**
 * A retry of an append that already succeeded: every id stored with the same content answers
 * with the stored positions. The same id with other content, or only part of the batch stored,
 * is a conflict; no id stored is null (not a retry). Shared by both stores so they agree.
 */
export function matchStored(
  prepared: readonly PreparedEvent[],
  stored: readonly Pick<StoredIdentity, 'eventId' | 'position' | 'streamRevision' | 'contentDigest'>[],
): AppendResult | null {
  if (stored.length === 0) return null;
  const byId = new Map(stored.map((s) => [s.eventId, s]));
  const mismatched = prepared.filter((e) => {
    const found = byId.get(e.eventId);
    return found !== undefined && !found.contentDigest.equals(e.contentDigest);
  });
  if (mismatched.length > 0 || stored.length !== prepared.length) {
    const ids = mismatched.length > 0 ? mismatched.map((e) => e.eventId) : stored.map((s) => s.eventId);
    throw new EventIdConflictError(ids);
  }
  const ordered = prepared.map((e) => byId.get(e.eventId)!);
  return {
    positions: ordered.map((s) => s.position),
    eventIds: prepared.map((e) => e.eventId),
    lastRevision: Math.max(...ordered.map((s) => s.streamRevision)),
    alreadyStored: true,
  };
}
