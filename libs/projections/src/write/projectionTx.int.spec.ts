import type { PoolClient } from 'pg';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { createProjectionTestContext, type ProjectionTestContext } from '../testing/projectionTestContext';
import { BufferedProjectionTx } from './projectionTx';

const kv: ProjectionDefinition = {
  name: 'demo.kv',
  version: 1,
  prefix: 'demo_',
  tables: [
    {
      name: 'demo_kv',
      key: { k: 'text', n: 'integer' },
      columns: { label: 'text', total: 'bigint', doc: 'jsonb' },
      notNull: ['total'],
      defaults: { total: 0 },
    },
  ],
  handlers: {},
};

describe('BufferedProjectionTx', () => {
  let context: ProjectionTestContext;
  let client: PoolClient;
  const rows = async () =>
    (
      await client.query(
        'SELECT org_id, generation, k, n, label, total, doc FROM demo_kv ORDER BY org_id, generation, k, n',
      )
    ).rows;

  beforeAll(async () => {
    context = await createProjectionTestContext([kv]);
    client = await context.pool.connect();
  });

  afterAll(async () => {
    client.release();
    await context.close();
  });

  it('coalesces writes per key with the meaning they had one by one', async () => {
    const tx = new BufferedProjectionTx(client, kv, 'org-1', 1);
    tx.increment('demo_kv', { k: 'a', n: 1 }, { total: 5 });
    tx.upsert('demo_kv', { k: 'a', n: 1, label: 'first', doc: { tags: ['x'] } });
    tx.increment('demo_kv', { k: 'a', n: 1 }, { total: 2 });
    tx.upsert('demo_kv', { k: 'b', n: 2, total: 10 });
    tx.increment('demo_kv', { k: 'b', n: 2 }, { total: 1 });
    await tx.flush();
    const next = new BufferedProjectionTx(client, kv, 'org-1', 1);
    next.increment('demo_kv', { k: 'a', n: 1 }, { total: 3 });
    next.delete('demo_kv', { k: 'b', n: 2 });
    next.increment('demo_kv', { k: 'b', n: 2 }, { total: 4 });
    next.upsert('demo_kv', { k: 'c', n: 3, label: "o'brien" });
    next.delete('demo_kv', { k: 'c', n: 3 });
    await next.flush();

    expect(await rows()).toEqual([
      { org_id: 'org-1', generation: '1', k: 'a', n: 1, label: 'first', total: '10', doc: { tags: ['x'] } },
      { org_id: 'org-1', generation: '1', k: 'b', n: 2, label: null, total: '4', doc: null },
    ]);
  });

  it('scopes every write to its org and generation', async () => {
    const tx = new BufferedProjectionTx(client, kv, 'org-2', 7);
    tx.upsert('demo_kv', { k: 'a', n: 1, label: 'other' });
    tx.delete('demo_kv', { k: 'b', n: 2 });
    await tx.flush();

    expect((await rows()).map((row) => [row.org_id, row.generation, row.k, row.label])).toEqual([
      ['org-1', '1', 'a', 'first'],
      ['org-1', '1', 'b', null],
      ['org-2', '7', 'a', 'other'],
    ]);
  });

  it('refuses tables and columns the projection does not own, and a missing key', () => {
    const tx = new BufferedProjectionTx(client, kv, 'org-1', 1);
    expect(() => tx.upsert('projection_checkpoints', { k: 'a', n: 1 })).toThrow(/does not own/);
    expect(() => tx.upsert('demo_kv', { k: 'a', n: 1, secret: 1 })).toThrow(/no column secret/);
    expect(() => tx.increment('demo_kv', { k: 'a' }, { total: 1 })).toThrow(/key column n/);
  });
});
