import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { loadMigrations, migrate } from './migrate';

async function appliedVersions(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>(
      'SELECT version FROM ledger_schema_migrations ORDER BY version',
    );
    return rows.map((row) => row.version);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('migrate');
  });
  afterEach(() => database.drop());

  it('applies every migration once and is idempotent', async () => {
    const all = (await loadMigrations()).map((m) => m.version);
    expect(await migrate(database.url)).toEqual({ applied: all, alreadyApplied: [], repeated: [] });
    expect(await migrate(database.url)).toEqual({ applied: [], alreadyApplied: all, repeated: [] });
    expect(await appliedVersions(database.url)).toEqual(all);
  });

  it('serialises racing deployers: each migration is applied by exactly one of them', async () => {
    const reports = await Promise.all(Array.from({ length: 5 }, () => migrate(database.url)));
    const all = (await loadMigrations()).map((m) => m.version);
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(all);
    expect(await appliedVersions(database.url)).toEqual(all);
  });

  it('refuses to go on when an applied migration was changed afterwards', async () => {
    await migrate(database.url);
    const changed = (await loadMigrations()).map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(database.url, changed)).rejects.toThrow(/was changed after it was applied/);
  });

  it('leaves a recorded version whose migration is gone as history, and runs a repeatable one every time, unrecorded', async () => {
    const all = await loadMigrations();
    const retired = { version: 'test:001_retired', sql: 'CREATE TABLE test_retired (id int)', checksum: 'r' };
    await migrate(database.url, [...all, retired]);
    const repeatable = {
      version: 'test:grants',
      sql: 'CREATE TABLE IF NOT EXISTS test_repeated (id int); INSERT INTO test_repeated VALUES (1)',
      checksum: 'g',
      repeatable: true,
    };
    const first = await migrate(database.url, [...all, repeatable]);
    const second = await migrate(database.url, [...all, repeatable]);
    expect([first.repeated, second.repeated, second.applied]).toEqual([['test:grants'], ['test:grants'], []]);
    expect(await appliedVersions(database.url)).toEqual([...all.map((m) => m.version), 'test:001_retired']);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client
      .query<{ n: number }>('SELECT count(*)::int AS n FROM test_repeated')
      .finally(() => client.end());
    expect(rows[0].n).toBe(2);
  });
});
