import { appendCases } from './conformance/appendCases';
import type { EventStoreHarness } from './conformance/harness';
import { idempotencyCases } from './conformance/idempotencyCases';
import { orgReadCases } from './conformance/orgReadCases';
import { readCases } from './conformance/readCases';
import { subscriptionCases } from './conformance/subscriptionCases';

export type { EventStoreHarness } from './conformance/harness';

/**
 * The behaviour every EventStore must show, as Jest cases: call it from a spec file with a
 * factory for the store under test. One store serves the whole suite; each case works in orgs
 * and streams of its own, so cases never depend on each other's events.
 */
export function eventStoreConformance(name: string, makeStore: () => Promise<EventStoreHarness>): void {
  describe(`${name} conforms to EventStore`, () => {
    let harness: EventStoreHarness | undefined;
    const current = (): EventStoreHarness => {
      if (harness === undefined) throw new Error('the store was not created');
      return harness;
    };
    beforeAll(async () => {
      harness = await makeStore();
    });
    afterAll(async () => {
      await harness?.close();
    });

    describe('append and expected revisions', () => appendCases(current));
    describe('idempotency and personal data', () => idempotencyCases(current));
    describe('reads', () => readCases(current));
    describe('subscriptions', () => subscriptionCases(current));
    describe('org reads', () => orgReadCases(current));
  });
}
