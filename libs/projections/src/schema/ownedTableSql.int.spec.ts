import { join } from 'node:path';
import { loadMigrations, migrate } from '@ledger/ledger';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { ProjectionRegistry } from '../definition/projectionRegistry';
import { demoProjection } from '../examples/demo/demoProjection';
import { describeTables } from '../testing/tableSchema';
import { loadProjectionMigrations, PROJECTIONS_MIGRATIONS_DIR } from './projectionMigrations';

/** The example projection's tables as its hand-written migration created them before the DDL was generated. */
const LEGACY = join(__dirname, '..', 'testing', 'legacy-demo-tables');
const TABLES = demoProjection.tables.map((table) => table.name);

describe('the example projection tables generated from their declaration', () => {
  const databases: TestDatabase[] = [];
  const fresh = async (name: string) => {
    const database = await createTestDatabase(name);
    databases.push(database);
    return database.url;
  };
  const migrations = () => loadProjectionMigrations(new ProjectionRegistry([demoProjection]));
  afterAll(() => Promise.all(databases.map((database) => database.drop())));

  it('are the tables the hand-written migration made, and a database made by it migrates cleanly and unchanged', async () => {
    const legacy = await fresh('demo_legacy');
    await migrate(legacy);
    await migrate(legacy, [
      ...(await loadMigrations(PROJECTIONS_MIGRATIONS_DIR, 'projections')),
      ...(await loadMigrations(LEGACY, 'demo')),
    ]);
    const before = await describeTables(legacy, TABLES);
    expect(Object.values(before).every((table) => table.columns.length > 0)).toBe(true);

    const generated = await fresh('demo_generated');
    await migrate(generated);
    await migrate(generated, await migrations());
    for (const table of TABLES)
      expect([table, (await describeTables(generated, [table]))[table]]).toEqual([table, before[table]]);

    const report = await migrate(legacy, await migrations());
    expect([report.applied, report.repeated]).toEqual([[], ['demo.accounts:tables']]);
    expect(await describeTables(legacy, TABLES)).toEqual(before);
  });
});
