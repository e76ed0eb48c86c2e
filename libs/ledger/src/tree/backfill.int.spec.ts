import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { loadMigrations, migrate } from '../schema/migrate';
import { rfcRootOfLeafHashes } from './testing/rfcVerifier';
import { TreeProofs } from './treeProofs';

const leafOf = (text: string) => createHash('sha256').update(Uint8Array.of(0)).update(text).digest();

describe('migration 002 on a ledger that already holds sequenced events', () => {
  let database: TestDatabase;
  let pool: Pool;
  const canonicals = Array.from({ length: 77 }, (_, i) => `{"i":${i}}`);

  beforeAll(async () => {
    database = await createTestDatabase('backfill');
    const migrations = await loadMigrations();
    await migrate(database.url, migrations.slice(0, 1));
    pool = new Pool({ connectionString: database.url });
    for (const [seq, canonical] of canonicals.entries()) {
      const { rows } = await pool.query<{ position: string }>(
        `INSERT INTO ledger_events (org_id, stream_id, stream_revision, event_id, type, schema_version, actor,
                                    recorded_at, canonical, leaf_hash, content_digest)
         VALUES ('org-old', 'audit-1', $1, $2, 'T', 1, 'a', now(), $3, $4, '\\x00') RETURNING position`,
        [seq, randomUUID(), canonical, leafOf(canonical)],
      );
      await pool.query(`INSERT INTO ledger_log (log_seq, org_id, org_seq, position) VALUES ($1, 'org-old', $1, $2)`, [
        seq,
        rows[0].position,
      ]);
    }
    await pool.query(`INSERT INTO ledger_org_heads (org_id, next_seq) VALUES ('org-old', $1)`, [canonicals.length]);
    await migrate(database.url, migrations);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('builds every complete subtree, so roots and proofs work for old events', async () => {
    const proofs = new TreeProofs(pool);
    const leaves = canonicals.map(leafOf);
    for (let size = 0; size <= leaves.length; size++) {
      expect(Buffer.from(await proofs.rootHash('org-old', size)).toString('hex')).toBe(
        Buffer.from(rfcRootOfLeafHashes(leaves.slice(0, size))).toString('hex'),
      );
    }
    const { rows } = await pool.query<{ tiles: string[] }>(
      `SELECT array_agg(level || '/' || tile ORDER BY level, tile) AS tiles FROM ledger_merkle_tiles`,
    );
    // 77 leaves: 77 nodes at level 0 (4 full tiles), 38 at level 1 (2), 19 at level 2 (1).
    expect(rows[0].tiles).toEqual(['0/0', '0/1', '0/2', '0/3', '1/0', '1/1', '2/0']);
  });
});
