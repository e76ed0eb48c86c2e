import type { AppendRequest, RecordedEvent } from '../../events/types';
import { collect, event, freshOrg, freshStream, outcome, type HarnessRef } from './harness';

/** Expected revisions in every form, and writers racing on one stream. */
export function appendCases(harness: HarnessRef): void {
  const store = () => harness().store;
  const append = (orgId: string, streamId: string, expectedRevision: AppendRequest['expectedRevision'], n = 1) =>
    store().append({
      orgId,
      streamId,
      expectedRevision,
      events: Array.from({ length: n }, (_, i) => event('E', { i })),
    });
  const revisions = async (orgId: string, streamId: string) =>
    (await collect(store().readStream(orgId, streamId))).map((e: RecordedEvent) => e.streamRevision);

  it('no_stream creates a stream once; a second no_stream is a version conflict', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    const created = await append(org, stream, 'no_stream', 2);
    expect(created).toMatchObject({ lastRevision: 1, alreadyStored: false });
    expect(created.positions).toHaveLength(2);
    expect(created.positions[1]).toBeGreaterThan(created.positions[0]);
    await expect(append(org, stream, 'no_stream')).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      details: { streamId: stream, expected: 'no_stream', actual: 1 },
    });
  });

  it('an exact revision must be the stream’s last one', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    await expect(append(org, stream, 0)).rejects.toMatchObject({ code: 'LEDGER.VERSION_CONFLICT', actual: -1 });
    await append(org, stream, 'no_stream');
    expect((await append(org, stream, 0)).lastRevision).toBe(1);
    await expect(append(org, stream, 0)).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      streamId: stream,
      expected: 0,
      actual: 1,
    });
    await expect(append(org, stream, 5)).rejects.toMatchObject({ expected: 5, actual: 1 });
    expect(await revisions(org, stream)).toEqual([0, 1]);
  });

  it('stream_exists refuses an empty stream and appends to an existing one', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    await expect(append(org, stream, 'stream_exists')).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      expected: 'stream_exists',
      actual: -1,
    });
    await append(org, stream, 'any');
    expect((await append(org, stream, 'stream_exists', 2)).lastRevision).toBe(2);
  });

  it('any appends whatever the stream holds', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    expect((await append(org, stream, 'any')).lastRevision).toBe(0);
    expect((await append(org, stream, 'any', 3)).lastRevision).toBe(3);
    expect(await revisions(org, stream)).toEqual([0, 1, 2, 3]);
  });

  it('of writers racing at one expected revision exactly one wins', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    await append(org, stream, 'no_stream');
    const writers = Array.from({ length: 8 }, (_, i) =>
      store().append({ orgId: org, streamId: stream, expectedRevision: 0, events: [event('Raced', { writer: i })] }),
    );
    const outcomes = await Promise.all(writers.map(outcome));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'LEDGER.VERSION_CONFLICT')).toHaveLength(7);
    const stored = await collect(store().readStream(org, stream));
    expect(stored.map((e) => e.streamRevision)).toEqual([0, 1]);
    expect(stored[1].data).toEqual({ writer: outcomes.indexOf('ok') });
  });

  it('of writers racing to create a stream exactly one wins', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => outcome(append(org, stream, 'no_stream'))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'LEDGER.VERSION_CONFLICT')).toHaveLength(5);
    expect(await revisions(org, stream)).toEqual([0]);
  });

  it('writers racing with any all succeed, at distinct consecutive revisions', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    const results = await Promise.all(Array.from({ length: 10 }, () => append(org, stream, 'any')));
    expect(results.map((r) => r.lastRevision).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await revisions(org, stream)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses malformed requests with a typed error and writes nothing', async () => {
    const org = freshOrg();
    await expect(
      store().append({ orgId: 'bad org', streamId: freshStream(), expectedRevision: 'any', events: [event('E')] }),
    ).rejects.toMatchObject({ code: 'LEDGER.INVALID_INPUT', field: 'orgId' });
    await expect(
      store().append({ orgId: org, streamId: freshStream(), expectedRevision: 'any', events: [] }),
    ).rejects.toMatchObject({ code: 'LEDGER.INVALID_INPUT', field: 'events' });
    expect(await store().hasEvents(org)).toBe(false);
  });
}
