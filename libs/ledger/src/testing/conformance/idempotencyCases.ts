import { randomUUID } from 'node:crypto';
import { collect, event, freshOrg, freshStream, metadata, type HarnessRef } from './harness';

/** Event ids make appends idempotent; personal parts are sealed and can be shredded. */
export function idempotencyCases(harness: HarnessRef): void {
  const store = () => harness().store;

  it('re-appending the same events returns the stored positions and writes nothing', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    const events = [event('A', { n: 1 }), event('B', { n: 2 })];
    const first = await store().append({ orgId: org, streamId: stream, expectedRevision: 'no_stream', events });
    await store().append({ orgId: org, streamId: stream, expectedRevision: 1, events: [event('C')] });
    // A retry with a new traceparent and a now stale expected revision: still the same append.
    const retried = events.map((e) => ({
      ...e,
      metadata: { ...metadata, traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` },
    }));
    const again = await store().append({
      orgId: org,
      streamId: stream,
      expectedRevision: 'no_stream',
      events: retried,
    });
    expect(again).toEqual({ ...first, alreadyStored: true });
    expect((await collect(store().readStream(org, stream))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('an event id stored with other content is an event-id conflict', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    const stored = event('A', { amount: 1 });
    await store().append({ orgId: org, streamId: stream, expectedRevision: 'any', events: [stored] });
    const changed = { ...stored, data: { amount: 2 } };
    await expect(
      store().append({ orgId: org, streamId: stream, expectedRevision: 'any', events: [changed] }),
    ).rejects.toMatchObject({ code: 'LEDGER.EVENT_ID_CONFLICT', eventIds: [stored.eventId] });
    await expect(
      store().append({ orgId: org, streamId: freshStream(), expectedRevision: 'any', events: [stored] }),
    ).rejects.toMatchObject({ code: 'LEDGER.EVENT_ID_CONFLICT' });
    await expect(
      store().append({ orgId: org, streamId: stream, expectedRevision: 'any', events: [stored, event('New')] }),
    ).rejects.toMatchObject({ code: 'LEDGER.EVENT_ID_CONFLICT' });
    expect(await store().countEvents(org)).toBe(1);
  });

  it('event ids are returned lowercase, generated when absent', async () => {
    const org = freshOrg();
    const id = randomUUID().toUpperCase();
    const { eventIds } = await store().append({
      orgId: org,
      streamId: freshStream(),
      expectedRevision: 'any',
      events: [event('A', {}, { eventId: id }), { type: 'B', data: {}, metadata }],
    });
    expect(eventIds[0]).toBe(id.toLowerCase());
    expect(eventIds[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('seals personal parts, decrypts on request and erases them on shred', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    await store().append({
      orgId: org,
      streamId: stream,
      expectedRevision: 'any',
      events: [event('Named', { id: 1 }, { personal: { name: 'Ada' } }), event('Plain')],
    });
    const withheld = await collect(store().readStream(org, stream));
    expect(withheld.map((e) => [e.personalState, e.personal])).toEqual([
      ['withheld', null],
      ['none', null],
    ]);
    expect(withheld[0].canonical).not.toContain('Ada');
    const [opened] = await collect(store().readStream(org, stream, { personal: 'decrypt' }));
    expect(opened).toMatchObject({ personalState: 'present', personal: { name: 'Ada' } });

    expect(await store().shred(org, stream)).toBe(true);
    expect(await store().shred(org, stream)).toBe(false);
    const [erased] = await collect(store().readStream(org, stream, { personal: 'decrypt' }));
    expect(erased).toMatchObject({ personalState: 'erased', personal: null, leafHash: opened.leafHash });
    expect(erased.canonical).toBe(opened.canonical);
    await expect(
      store().append({
        orgId: org,
        streamId: stream,
        expectedRevision: 'any',
        events: [event('N', {}, { personal: { a: 1 } })],
      }),
    ).rejects.toMatchObject({ code: 'LEDGER.STREAM_ERASED' });
    expect(
      (await store().append({ orgId: org, streamId: stream, expectedRevision: 'any', events: [event('P')] }))
        .lastRevision,
    ).toBe(2);
  });
}
