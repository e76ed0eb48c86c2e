import { event, freshOrg, freshStream } from '../testing/conformance/harness';
import { eventStoreConformance } from '../testing/eventStoreConformance';
import { InMemoryEventStore } from './inMemoryEventStore';

eventStoreConformance('InMemoryEventStore', async () => ({
  store: new InMemoryEventStore(),
  // Appends are sequenced as they are stored.
  sequenced: async () => undefined,
  close: async () => undefined,
}));

describe('InMemoryEventStore, where it differs from PostgreSQL', () => {
  it('sequences an event as it stores it: no sequencer pass is needed before it counts', async () => {
    const store = new InMemoryEventStore();
    const orgId = freshOrg();
    const { positions } = await store.append({
      orgId,
      streamId: freshStream(),
      expectedRevision: 'no_stream',
      events: [event('Noted')],
    });
    expect(await store.orgSize(orgId)).toBe(1);
    expect(await store.lastSequencedPosition(orgId)).toBe(positions[0]);
    expect(await store.lastCommittedPosition(orgId)).toBe(positions[0]);
  });
});
