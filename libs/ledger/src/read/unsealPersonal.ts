import { decryptPersonal } from '../crypto/personalCipher';
import { streamKeyOf, type StreamKeys, type StreamRef } from '../crypto/streamKeys';
import type { RecordedEvent } from '../events/types';
import type { ParsedPage } from './rowToEvent';

/** `decrypt` opens personal parts whose stream key is alive; `withhold` never touches keys. */
export type PersonalAccess = 'decrypt' | 'withhold';

/**
 * Decrypts a page's personal parts in place, with one key lookup for all its streams. Keys are
 * fetched per page, not cached, so a shred in any process shows as `erased` on the next page.
 */
export async function unsealPage<E extends RecordedEvent>(
  page: ParsedPage<E>,
  keys: StreamKeys,
  access: PersonalAccess,
): Promise<E[]> {
  const { events, envelopes } = page;
  if (access === 'withhold') return events;
  const streams = new Map<string, StreamRef>();
  events.forEach((event, i) => {
    if (envelopes[i] !== null) streams.set(streamKeyOf(event.orgId, event.streamId), event);
  });
  if (streams.size === 0) return events;
  return openWithKeys(page, await keys.load([...streams.values()]));
}

/** Decrypts a page's personal parts with keys already loaded; a missing or shredded key reads as erased. */
export function openWithKeys<E extends RecordedEvent>(
  page: ParsedPage<E>,
  dataKeys: ReadonlyMap<string, Buffer | null>,
): E[] {
  const { events, envelopes } = page;
  events.forEach((event, i) => {
    const envelope = envelopes[i];
    if (envelope === null) return;
    const key = dataKeys.get(streamKeyOf(event.orgId, event.streamId));
    if (key) {
      event.personal = decryptPersonal(key, event.eventId, envelope);
      event.personalState = 'present';
    } else {
      event.personalState = 'erased';
    }
  });
  return events;
}
