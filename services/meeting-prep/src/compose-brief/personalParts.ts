import type { EventStore, JsonObject, RecordedEvent } from '@ledger/ledger';

const CHUNK = 500;

/**
 * Decrypts the events holding the personal parts a brief needs, by id, in bounded chunks. An
 * id of another org or an unknown id is simply absent from the map.
 */
export async function decryptEvents(
  ledger: Pick<EventStore, 'readEvents'>,
  orgId: string,
  eventIds: readonly string[],
): Promise<Map<string, RecordedEvent>> {
  const ids = [...new Set(eventIds)];
  const found = new Map<string, RecordedEvent>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const event of await ledger.readEvents(orgId, ids.slice(i, i + CHUNK), 'decrypt')) {
      found.set(event.eventId, event);
    }
  }
  return found;
}

/** The personal part when it is present (not erased, not withheld), else null. */
export function personalOf(event: RecordedEvent | undefined): JsonObject | null {
  return event && event.personalState === 'present' && event.personal ? event.personal : null;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
