import { decryptPersonal } from '../crypto/personalCipher';
import { streamKeyOf, type StreamKeys } from '../crypto/streamKeys';
import type { RecordedEvent } from '../events/types';
import type { SealedEvent } from './rowToEvent';

/** `decrypt` opens personal parts whose stream key is alive; `withhold` never touches keys. */
export type PersonalAccess = 'decrypt' | 'withhold';

function strip<T extends SealedEvent>(event: T): Omit<T, 'envelope'> {
  const { envelope: _sealed, ...rest } = event;
  return rest;
}

/**
 * Decrypts a batch's personal parts with one key lookup for all its streams. Keys are fetched
 * per batch, not cached, so a shred in any process shows as `erased` on the next batch.
 */
export async function unsealBatch<T extends SealedEvent>(
  events: T[],
  keys: StreamKeys,
  access: PersonalAccess,
): Promise<Array<Omit<T, 'envelope'>>> {
  const sealed = events.filter((event) => event.envelope !== null);
  if (access === 'withhold' || sealed.length === 0) return events.map(strip);
  const streams = new Map(
    sealed.map((e) => [streamKeyOf(e.orgId, e.streamId), { orgId: e.orgId, streamId: e.streamId }]),
  );
  const dataKeys = await keys.load([...streams.values()]);
  return events.map((event) => {
    const opened: RecordedEvent & typeof event = { ...event };
    if (event.envelope !== null) {
      const key = dataKeys.get(streamKeyOf(event.orgId, event.streamId));
      if (key) {
        opened.personal = decryptPersonal(key, event.eventId, event.envelope);
        opened.personalState = 'present';
      } else {
        opened.personalState = 'erased';
      }
    }
    return strip(opened);
  });
}
