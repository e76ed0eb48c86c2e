import { randomUUID } from 'node:crypto';
import type { ReadStreamOptions } from '../../read/readStream';
import { collect, event, freshOrg, freshStream, type HarnessRef } from './harness';

/** Stream, org and log reads: order, bounds, paging and org isolation. */
export function readCases(harness: HarnessRef): void {
  const store = () => harness().store;
  const fill = async (orgId: string, streamId: string, n: number) =>
    store().append({
      orgId,
      streamId,
      expectedRevision: 'any',
      events: Array.from({ length: n }, (_, i) => event('E', { i })),
    });

  it('reads a stream forward from a revision, in pages, and stops where the caller stops', async () => {
    const [org, stream] = [freshOrg(), freshStream()];
    await fill(org, stream, 5);
    const revisions = async (options: ReadStreamOptions) =>
      (await collect(store().readStream(org, stream, options))).map((e) => e.streamRevision);
    expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
    expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
    expect(await revisions({ fromRevision: 1, batchSize: 2 })).toEqual([1, 2, 3, 4]);
    expect(await revisions({ direction: 'backward', fromRevision: 3, batchSize: 2 })).toEqual([3, 2, 1, 0]);
    expect(await revisions({ fromRevision: 9 })).toEqual([]);
    const limited: number[] = [];
    for await (const e of store().readStream(org, stream, { batchSize: 2 })) {
      limited.push(e.streamRevision);
      if (limited.length === 3) break;
    }
    expect(limited).toEqual([0, 1, 2]);
    expect(await collect(store().readStream(org, freshStream()))).toEqual([]);
  });

  it('reads an org after a sequence, gap-free, in pages and in ranges', async () => {
    const org = freshOrg();
    const [a, b] = [freshStream(), freshStream()];
    await fill(org, a, 3);
    await fill(org, b, 2);
    await fill(org, a, 2);
    await harness().sequenced();
    const all = await collect(store().readOrg(org, { batchSize: 2 }));
    expect(all.map((e) => e.orgSeq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(all.map((e) => e.streamId)).toEqual([a, a, a, b, b, a, a]);
    expect((await collect(store().readOrg(org, { from: 4 }))).map((e) => e.orgSeq)).toEqual([4, 5, 6]);
    const range = await store().readOrgRange(org, { after: 1, through: 4, limit: 10 });
    expect(range.map((e) => e.orgSeq)).toEqual([2, 3, 4]);
    expect((await store().readOrgRange(org, { after: 1, limit: 2 })).map((e) => e.orgSeq)).toEqual([2, 3]);
    expect(await store().readOrgRange(org, { after: 6, limit: 10 })).toEqual([]);
  });

  it('keeps orgs apart: one org never sees another org’s events', async () => {
    const [orgA, orgB] = [freshOrg(), freshOrg()];
    const shared = freshStream();
    const inA = await fill(orgA, shared, 3);
    const inB = await fill(orgB, shared, 1);
    await fill(orgA, freshStream(), 1);
    await harness().sequenced();
    expect(inB.lastRevision).toBe(0);
    const b = await collect(store().readOrg(orgB));
    expect(b.map((e) => [e.orgId, e.orgSeq])).toEqual([[orgB, 0]]);
    expect((await collect(store().readOrg(orgA))).map((e) => e.orgSeq)).toEqual([0, 1, 2, 3]);
    expect((await collect(store().readStream(orgB, shared))).map((e) => e.eventId)).toEqual(inB.eventIds);
    expect(await store().readEvents(orgB, inA.eventIds)).toEqual([]);
    expect(await store().countEvents(orgB)).toBe(1);
  });

  it('reads events by id in the order asked, leaving out unknown ids', async () => {
    const org = freshOrg();
    const { eventIds } = await fill(org, freshStream(), 3);
    const read = await store().readEvents(org, [eventIds[2], randomUUID(), 'not-a-uuid', eventIds[0]]);
    expect(read.map((e) => e.eventId)).toEqual([eventIds[2], eventIds[0]]);
    expect(read[0]).toMatchObject({ orgId: org, streamRevision: 2, type: 'E', data: { i: 2 } });
  });

  it('reads the global log from a log sequence, dense and in append order', async () => {
    await harness().sequenced();
    const from = (await store().logHead()) + 1;
    const [orgA, orgB] = [freshOrg(), freshOrg()];
    const first = await fill(orgA, freshStream(), 2);
    const second = await fill(orgB, freshStream('other'), 1);
    await harness().sequenced();
    const read = await collect(store().readAll({ from, batchSize: 2 }));
    const ours = read.filter((e) => e.orgId === orgA || e.orgId === orgB);
    expect(ours.map((e) => e.eventId)).toEqual([...first.eventIds, ...second.eventIds]);
    expect(read.map((e) => e.logSeq)).toEqual(read.map((_, i) => from + i));
    const page = await store().readStoredLog({ from, limit: 1000, categories: ['other'] });
    expect(page.events.filter((e) => e.orgId === orgB).map((e) => e.eventId)).toEqual(second.eventIds);
    expect(page.events.every((e) => e.streamId.startsWith('other-'))).toBe(true);
    expect(page.head).toBeGreaterThanOrEqual(from + 2);
  });
}
