import { event, freshOrg, freshStream } from '../testing/conformance/harness';
import { InMemoryEventStore } from '../store/inMemoryEventStore';
import { historyEntries, readRecordAsOf } from './recordHistory';

/** Waits until the clock has passed `at`, so the next append is recorded strictly later. */
async function after(at: string): Promise<void> {
  while (Date.now() <= Date.parse(at)) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('readRecordAsOf and historyEntries', () => {
  const store = new InMemoryEventStore();
  const orgId = freshOrg();
  const streamId = freshStream('rec');

  beforeAll(async () => {
    await store.append({
      orgId,
      streamId,
      expectedRevision: 'no_stream',
      events: [event('Created', { n: 1 }, { personal: { text: 'first words' }, metadata: { actor: 'u-1' } })],
    });
    const [created] = await readRecordAsOf(store, orgId, streamId);
    await after(created.recordedAt);
    await store.append({
      orgId,
      streamId,
      expectedRevision: 0,
      events: [event('Changed', { n: 2 }, { personal: { reason: 'a typo' }, metadata: { actor: 'u-2' } })],
    });
    const [, changed] = await readRecordAsOf(store, orgId, streamId);
    await after(changed.recordedAt);
    await store.append({
      orgId,
      streamId,
      expectedRevision: 1,
      events: [event('Closed', { reason: 'deleted_by_user' }, { metadata: { actor: 'u-3' } })],
    });
  });

  it('returns the prefix of the stream recorded at or before asOf', async () => {
    const all = await readRecordAsOf(store, orgId, streamId);
    expect(all.map((e) => e.type)).toEqual(['Created', 'Changed', 'Closed']);
    const before = new Date(Date.parse(all[0].recordedAt) - 1);
    expect(await readRecordAsOf(store, orgId, streamId, { asOf: before })).toEqual([]);
    const atFirst = await readRecordAsOf(store, orgId, streamId, { asOf: new Date(all[0].recordedAt) });
    expect(atFirst.map((e) => e.type)).toEqual(['Created']);
    const atSecond = await readRecordAsOf(store, orgId, streamId, { asOf: new Date(all[1].recordedAt) });
    expect(atSecond.map((e) => e.type)).toEqual(['Created', 'Changed']);
  });

  it('reads nothing of a stream from another org', async () => {
    expect(await readRecordAsOf(store, freshOrg(), streamId)).toEqual([]);
  });

  it('lists each version with actor, time and reason, sealed reasons opened only when decrypted', async () => {
    const withheld = historyEntries(await readRecordAsOf(store, orgId, streamId), new Set(['Created']));
    expect(
      withheld.map(({ version, type, actor, reason, reasonState }) => ({ version, type, actor, reason, reasonState })),
    ).toEqual([
      { version: 1, type: 'Created', actor: 'u-1', reason: null, reasonState: 'none' },
      { version: 2, type: 'Changed', actor: 'u-2', reason: null, reasonState: 'withheld' },
      { version: 3, type: 'Closed', actor: 'u-3', reason: 'deleted_by_user', reasonState: 'present' },
    ]);
    const opened = historyEntries(
      await readRecordAsOf(store, orgId, streamId, { personal: 'decrypt' }),
      new Set(['Created']),
    );
    expect(opened[1]).toMatchObject({ reason: 'a typo', reasonState: 'present' });
    expect(opened.every((entry, i) => entry.at === withheld[i].at && entry.eventId === withheld[i].eventId)).toBe(true);
  });

  it('shows a shredded reason as erased and a shredded type without reasons as none', async () => {
    const shredOrg = freshOrg();
    const shredStream = freshStream('rec');
    await store.append({
      orgId: shredOrg,
      streamId: shredStream,
      expectedRevision: 'no_stream',
      events: [event('Created', {}, { personal: { text: 'x' } }), event('Changed', {}, { personal: { reason: 'y' } })],
    });
    await store.shred(shredOrg, shredStream);
    const entries = historyEntries(
      await readRecordAsOf(store, shredOrg, shredStream, { personal: 'decrypt' }),
      new Set(['Created']),
    );
    expect(entries.map((e) => e.reasonState)).toEqual(['none', 'erased']);
  });
});
