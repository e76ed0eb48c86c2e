import { eventStoreConformance } from '../testing/eventStoreConformance';
import { InMemoryEventStore } from './inMemoryEventStore';

eventStoreConformance('InMemoryEventStore', async () => ({
  store: new InMemoryEventStore(),
  // Appends are sequenced as they are stored.
  sequenced: async () => undefined,
  close: async () => undefined,
}));
