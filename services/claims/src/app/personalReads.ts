import type { EventStore, JsonObject } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';

export type PersonalState = 'present' | 'erased' | 'withheld';

export interface PersonalPart {
  state: PersonalState;
  value: JsonObject | null;
}

/** Roles that may read labels and claim statements in clear. */
const READERS = new Set<string>(['advisor', 'compliance']);

/**
 * The personal parts of the events read models point at (an entity's label, a claim's literal),
 * decrypted from the ledger when the caller's role may read them. An erased stream reads as
 * erased; nothing is ever cached outside the ledger.
 */
export async function readPersonal(
  store: EventStore,
  ctx: RequestContext,
  eventIds: readonly string[],
): Promise<Map<string, PersonalPart>> {
  const parts = new Map<string, PersonalPart>();
  if (eventIds.length === 0) return parts;
  if (!READERS.has(ctx.role)) {
    for (const id of eventIds) parts.set(id, { state: 'withheld', value: null });
    return parts;
  }
  for (const event of await store.readEvents(ctx.orgId, [...new Set(eventIds)], 'decrypt')) {
    const present = event.personalState === 'present' && event.personal !== null;
    parts.set(event.eventId, {
      state: present ? 'present' : event.personalState === 'withheld' ? 'withheld' : 'erased',
      value: present ? event.personal : null,
    });
  }
  return parts;
}
