import { migrateServices } from '@ledger/host';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { describeTables, type TableSchema } from '@ledger/projections/testing';
import { allProjections } from './lookups';
import { SERVICES } from './services';
import { migrateWithLegacyFiles } from './testing/legacyDatabase';

const TABLES = allProjections().flatMap((projection) => projection.tables.map((table) => table.name));

/** Table by table, so that a difference names its table. */
function expectSameTables(actual: Record<string, TableSchema>, expected: Record<string, TableSchema>): void {
  for (const table of TABLES) expect([table, actual[table]]).toEqual([table, expected[table]]);
}

describe("the services' read-model tables generated from their declarations", () => {
  const databases: TestDatabase[] = [];
  const fresh = async (name: string) => {
    const database = await createTestDatabase(name);
    databases.push(database);
    return database.url;
  };
  afterAll(() => Promise.all(databases.map((database) => database.drop())));

  let legacyUrl: string;
  let legacy: Record<string, TableSchema>;

  beforeAll(async () => {
    legacyUrl = await fresh('tables_legacy');
    await migrateWithLegacyFiles(legacyUrl);
    legacy = await describeTables(legacyUrl, TABLES);
  });

  it('cover every table the hand-written files created', () => {
    expect(TABLES).toHaveLength(21);
    for (const table of TABLES) expect([table, legacy[table].columns.length > 0]).toEqual([table, true]);
  });

  it('have the columns, types, nullability, defaults, keys and indexes the hand-written files gave them', async () => {
    const generated = await fresh('tables_generated');
    await migrateServices(generated, SERVICES);
    expectSameTables(await describeTables(generated, TABLES), legacy);
  });

  it('leave a database made by the hand-written files as it was, migrating cleanly, then again', async () => {
    expect((await migrateServices(legacyUrl, SERVICES)).applied).toEqual([]);
    expectSameTables(await describeTables(legacyUrl, TABLES), legacy);
    expect((await migrateServices(legacyUrl, SERVICES)).applied).toEqual([]);
    expectSameTables(await describeTables(legacyUrl, TABLES), legacy);
  });
});
