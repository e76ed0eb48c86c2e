import { metrics } from '@opentelemetry/api';
import { CollectingReader } from '@ledger/observability/testing';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { createPool } from '../pool';
import { POOL_METRICS } from './poolMetrics';

// Pools are measured through the global meter provider, as in a process: this suite's is a real SDK one.
const reader = new CollectingReader();
metrics.setGlobalMeterProvider(reader.provider);

describe('pool metrics', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('pool_metrics');
  });
  afterAll(() => database.drop());

  const byPool = async (metric: string) =>
    (await reader.points(metric)).map((point) => ({
      pool: point.attributes['pool'],
      state: point.attributes['state'],
      value: point.value,
    }));

  it('name each pool by its purpose, never by the URL, and count used, idle, waiting and maximum', async () => {
    const writer = createPool({ connectionString: database.url, max: 2, name: 'writer' });
    const anonymous = createPool({ connectionString: database.url, max: 1 });
    try {
      const held = await Promise.all([writer.connect(), writer.connect()]);
      const waiting = writer.connect();
      await new Promise((resolve) => setImmediate(resolve));
      expect(await byPool(POOL_METRICS.count)).toEqual([
        { pool: 'writer', state: 'used', value: 2 },
        { pool: 'writer', state: 'idle', value: 0 },
      ]);
      expect(await byPool(POOL_METRICS.pendingRequests)).toEqual([{ pool: 'writer', state: undefined, value: 1 }]);
      expect(await byPool(POOL_METRICS.max)).toEqual([{ pool: 'writer', state: undefined, value: 2 }]);
      held.forEach((client) => client.release());
      (await waiting).release();
      expect(await byPool(POOL_METRICS.count)).toEqual([
        { pool: 'writer', state: 'used', value: 0 },
        { pool: 'writer', state: 'idle', value: 2 },
      ]);
      // A pool without a name is not measured; no point carries anything but the name and state.
      await anonymous.query('SELECT 1');
      const points = (await Promise.all(Object.values(POOL_METRICS).map((metric) => reader.points(metric)))).flat();
      expect(new Set(points.map((point) => point.attributes['pool']))).toEqual(new Set(['writer']));
      const keys = new Set(points.flatMap((point) => Object.keys(point.attributes)));
      expect(keys).toEqual(new Set(['pool', 'state']));
    } finally {
      await writer.end();
      await anonymous.end();
    }
  });
});
