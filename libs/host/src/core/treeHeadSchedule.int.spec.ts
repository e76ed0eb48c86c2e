import { randomBytes } from 'node:crypto';
import { metrics } from '@opentelemetry/api';
import pino from 'pino';
import type { Pool } from 'pg';
import { createPool, Ed25519KeyRing, LocalKeyProvider, readTreeHeads, TREE_HEAD_AGE_METRIC } from '@ledger/ledger';
import { CollectingReader } from '@ledger/observability/testing';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { strayProjection } from '@ledger/projections/testing';
import { startCore, type RunningCore } from './startCore';

// The process's gauges come from the global meter provider: this suite's is a real SDK one.
const reader = new CollectingReader();
metrics.setGlobalMeterProvider(reader.provider);

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The core of the process holding the signing keys signs every org's tree head on its own, on
 * the run-time login, and signs an unchanged tree again: no event needs to arrive.
 */
describe("startCore's tree-head schedule", () => {
  let database: TestDatabase;
  let running: RunningCore;
  let owner: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('tree_head_schedule');
    running = await startCore({
      databaseUrl: database.url,
      keyProvider: new LocalKeyProvider({ test: randomBytes(32) }),
      auth: { issuer: 'i', audience: 'a', key: randomBytes(32), algorithms: ['HS256'] },
      projections: [strayProjection],
      logger: pino({ enabled: false }),
      signingKeys: new Ed25519KeyRing([Ed25519KeyRing.generate('sched-1')]),
      treeHeadIntervalMs: 50,
      treeHeadResignAfterMs: 500,
    });
    owner = createPool({ connectionString: database.url, max: 2 });
    await running.core.ledger.append({
      orgId: 'org-quiet',
      streamId: 'stray-1',
      expectedRevision: 'no_stream',
      events: [{ type: 'Looked', data: {}, metadata: { actor: 'user-1' } }],
    });
    await running.core.ledger.sequencer.drain();
  });

  afterAll(async () => {
    await running.close();
    await owner.end();
    await database.drop();
  });

  it('signs a grown tree, then signs the unchanged tree again after the re-sign interval', async () => {
    const heads = await until(
      () => readTreeHeads(owner, 'org-quiet'),
      (found) => found.length >= 2,
    );
    expect(heads.length).toBeGreaterThanOrEqual(2);
    expect(new Set(heads.map((head) => `${head.treeSize}:${head.rootHash}`)).size).toBe(1);
    expect(heads[0].treeSize).toBe(1);
    const [first, second] = heads.map((head) => Date.parse(head.timestamp));
    expect(second - first).toBeGreaterThanOrEqual(500);
  });

  it('exports the stalest head age, below the re-sign interval plus a run while signing works', async () => {
    const points = await reader.points(TREE_HEAD_AGE_METRIC);
    expect(points).toHaveLength(1);
    expect(points[0].attributes).toEqual({});
    expect(points[0].value).toBeGreaterThanOrEqual(0);
    expect(points[0].value).toBeLessThan(5);
  });
});
