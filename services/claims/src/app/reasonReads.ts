import type { EventStore } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';

/** `none`: nothing ended, so no reason; the others as for labels and literals. */
export type ReasonState = 'none' | 'present' | 'erased' | 'withheld';

export interface ReasonView {
  reason: string | null;
  reasonState: ReasonState;
}

export const NO_REASON: ReasonView = { reason: null, reasonState: 'none' };

/** Roles that may read reasons in clear, as for labels and literals. */
const READERS = new Set<string>(['advisor', 'compliance']);

/**
 * The reasons of retraction and supersession events, by event id. Sealed since v2 of those
 * events and opened here; v1 events carry theirs in clear data. A shredded stream reads as
 * erased, never as an error.
 */
export async function readReasons(
  store: EventStore,
  ctx: RequestContext,
  eventIds: readonly (string | null)[],
): Promise<Map<string, ReasonView>> {
  const ids = [...new Set(eventIds.filter((id): id is string => id !== null))];
  const reasons = new Map<string, ReasonView>();
  if (ids.length === 0) return reasons;
  if (!READERS.has(ctx.role)) {
    for (const id of ids) reasons.set(id, { reason: null, reasonState: 'withheld' });
    return reasons;
  }
  for (const event of await store.readEvents(ctx.orgId, ids, 'decrypt')) {
    const sealed = event.personal?.reason;
    const clear = event.data.reason;
    const reason = typeof sealed === 'string' ? sealed : typeof clear === 'string' ? clear : null;
    reasons.set(
      event.eventId,
      reason === null ? { reason: null, reasonState: 'erased' } : { reason, reasonState: 'present' },
    );
  }
  return reasons;
}

/** The reason of an ending event, or none when there is no such event. */
export function reasonOf(reasons: ReadonlyMap<string, ReasonView>, eventId: string | null): ReasonView {
  if (eventId === null) return NO_REASON;
  return reasons.get(eventId) ?? { reason: null, reasonState: 'erased' };
}
