import type { SequencedEvent } from '../../events/types';
import { consumeUntil, event, freshOrg, freshStream, type HarnessRef } from './harness';

const ids = (events: readonly SequencedEvent[]) => events.map((e) => e.eventId);

/** Catch-up then live, in order, without gaps or repeats. */
export function subscriptionCases(harness: HarnessRef): void {
  const store = () => harness().store;
  const appendOne = async (orgId: string, streamId = freshStream()) =>
    (await store().append({ orgId, streamId, expectedRevision: 'any', events: [event('E')] })).eventIds[0];

  it('delivers an org’s stored events, then live ones, once each and in order', async () => {
    const [org, other] = [freshOrg(), freshOrg()];
    const expected: string[] = [];
    for (let i = 0; i < 3; i++) expected.push(await appendOne(org));
    const subscription = store().subscribeToOrg(org, { batchSize: 2, pollMs: 50 });
    const consumed = consumeUntil(subscription, (seen) => seen.length >= 8);
    for (let i = 0; i < 5; i++) {
      await appendOne(other);
      expected.push(await appendOne(org));
    }
    const seen = await consumed;
    expect(ids(seen)).toEqual(expected);
    expect(seen.map((e) => e.orgSeq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(seen.every((e) => e.orgId === org)).toBe(true);
  });

  it('resumes from a checkpoint without repeating what came before it', async () => {
    const org = freshOrg();
    const appended: string[] = [];
    for (let i = 0; i < 4; i++) appended.push(await appendOne(org));
    const seen = await consumeUntil(store().subscribeToOrg(org, { from: 2, pollMs: 50 }), (s) => s.length >= 2);
    expect(seen.map((e) => e.orgSeq)).toEqual([2, 3]);
    expect(ids(seen)).toEqual(appended.slice(2));
  });

  it('delivers every event of concurrent writers exactly once, dense per org', async () => {
    const org = freshOrg();
    const subscription = store().subscribeToOrg(org, { batchSize: 3, pollMs: 50 });
    const consumed = consumeUntil(subscription, (seen) => seen.length >= 24);
    const written = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const stream = freshStream();
        const mine: string[] = [];
        for (let i = 0; i < 4; i++) mine.push(await appendOne(org, stream));
        return mine;
      }),
    );
    const seen = await consumed;
    expect(seen.map((e) => e.orgSeq)).toEqual(seen.map((_, i) => i));
    expect(new Set(ids(seen))).toEqual(new Set(written.flat()));
    for (const mine of written) expect(ids(seen).filter((id) => mine.includes(id))).toEqual(mine);
  });

  it('delivers every org’s events in log order to a subscription to all', async () => {
    await harness().sequenced();
    const from = (await store().logHead()) + 1;
    const [orgA, orgB] = [freshOrg(), freshOrg()];
    const subscription = store().subscribeToAll({ from, batchSize: 2, pollMs: 50 });
    const consumed = consumeUntil(subscription, (seen) => seen.length >= 6);
    const expected: string[] = [];
    for (let i = 0; i < 3; i++) {
      expected.push(await appendOne(orgA));
      expected.push(await appendOne(orgB));
    }
    const seen = await consumed;
    expect(ids(seen)).toEqual(expected);
    expect(seen.map((e) => e.logSeq)).toEqual(seen.map((_, i) => from + i));
  });
}
