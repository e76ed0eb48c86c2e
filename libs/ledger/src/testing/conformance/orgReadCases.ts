import { event, freshOrg, freshStream, type HarnessRef } from './harness';

/** Sizes, heads, positions and time ranges: the reads other packages need of the sequence. */
export function orgReadCases(harness: HarnessRef): void {
  const store = () => harness().store;
  const fill = (orgId: string, n: number, type = 'E') =>
    store().append({
      orgId,
      streamId: freshStream(),
      expectedRevision: 'any',
      events: Array.from({ length: n }, () => event(type)),
    });

  it('counts an org’s sequenced events and lists orgs with their sizes', async () => {
    const org = freshOrg();
    expect(await store().orgSize(org)).toBe(0);
    expect(await store().orgSizes(org)).toEqual([]);
    expect(await store().hasEvents(org)).toBe(false);
    await fill(org, 3);
    await fill(org, 2, 'Other');
    await harness().sequenced();
    expect(await store().orgSize(org)).toBe(5);
    expect(await store().orgSizes(org)).toEqual([{ orgId: org, size: 5 }]);
    expect((await store().orgSizes()).find((o) => o.orgId === org)).toEqual({ orgId: org, size: 5 });
    expect(await store().hasEvents(org)).toBe(true);
    expect(await store().countEvents(org)).toBe(5);
    expect(await store().countEvents(org, { types: ['Other', 'Missing'] })).toBe(2);
  });

  it('maps positions and per-org sequences both ways and finds the last position', async () => {
    const org = freshOrg();
    expect(await store().lastSequencedPosition(org)).toBeNull();
    expect(await store().lastCommittedPosition(org)).toBeNull();
    const first = await fill(org, 2);
    const second = await fill(org, 1);
    await harness().sequenced();
    const positions = [...first.positions, ...second.positions];
    expect(await store().positionsOf(org, [0, 1, 2, 9])).toEqual(
      new Map([
        [0, positions[0]],
        [1, positions[1]],
        [2, positions[2]],
      ]),
    );
    expect(await store().positionsOf(freshOrg(), [0])).toEqual(new Map());
    expect(await store().orgSeqsOf([positions[2], positions[0]])).toEqual(
      new Map([
        [positions[2], 2],
        [positions[0], 0],
      ]),
    );
    expect(await store().lastSequencedPosition(org)).toBe(positions[2]);
    expect(await store().lastCommittedPosition(org)).toBe(positions[2]);
    const head = await store().logHead();
    await fill(freshOrg(), 1);
    await harness().sequenced();
    expect(await store().logHead()).toBe(head + 1);
  });

  it('tells when events were recorded and which sequences a time window holds', async () => {
    const org = freshOrg();
    const before = new Date(Date.now() - 1);
    await fill(org, 3);
    await harness().sequenced();
    const after = new Date(Date.now() + 1);
    const recorded = await store().recordedAt(org, 1);
    expect(recorded).toBeInstanceOf(Date);
    expect(recorded!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(recorded!.getTime()).toBeLessThanOrEqual(after.getTime());
    expect(await store().recordedAt(org, 3)).toBeNull();
    expect(await store().orgSeqBoundsRecorded(org, { from: before, to: after, before: 10 })).toEqual({
      first: 0,
      last: 2,
    });
    expect(await store().orgSeqBoundsRecorded(org, { from: before, to: after, before: 2 })).toEqual({
      first: 0,
      last: 1,
    });
    expect(await store().orgSeqBoundsRecorded(org, { from: new Date(0), to: before, before: 10 })).toBeNull();
  });
}
