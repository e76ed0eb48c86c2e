import { migrateServices } from '@ledger/host';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { describeTables, type TableSchema } from '@ledger/projections/testing';
import { allProjections } from './lookups';
import { SERVICES } from './services';
import { migrateWithLegacyFiles } from './testing/legacyDatabase';

const TABLES = allProjections().flatMap((projection) => projection.tables.map((table) => table.name));

/**
 * The migrations written since the hand-written files, each changing a table those files made:
 * free-text columns replaced by the id of the event whose sealed part holds the text.
 */
const SINCE_THE_FILES = ['claims:004_reasons_sealed', 'evidence:004_account_label_sealed'];
const SEALED_TABLES = ['claims_claim_history', 'claims_claims', 'claims_mentions', 'evidence_provider_accounts'];

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

  it('have the columns, types, nullability, defaults, keys and indexes the hand-written files gave them, but free text', async () => {
    const generated = await fresh('tables_generated');
    await migrateServices(generated, SERVICES);
    const tables = await describeTables(generated, TABLES);
    const unchanged = TABLES.filter((table) => !SEALED_TABLES.includes(table));
    for (const table of unchanged) expect([table, tables[table]]).toEqual([table, legacy[table]]);
    for (const table of SEALED_TABLES) {
      expect([table, tables[table].constraints, tables[table].indexes]).toEqual([
        table,
        legacy[table].constraints,
        legacy[table].indexes,
      ]);
    }
    const columns = (schema: Record<string, TableSchema>) =>
      SEALED_TABLES.flatMap((table) => schema[table].columns.map((column) => `${table}.${column}`));
    expect(columns(tables).filter((column) => !columns(legacy).includes(column))).toEqual([
      'claims_claims.ended_event_id text NULL',
      'claims_mentions.retracted_event_id text NULL',
      'evidence_provider_accounts.registered_event_id text NULL',
    ]);
    expect(columns(legacy).filter((column) => !columns(tables).includes(column))).toEqual([
      'claims_claim_history.reason text NULL',
      'claims_claims.reason text NULL',
      'claims_mentions.reason text NULL',
      'evidence_provider_accounts.label text NOT NULL',
    ]);
  });

  it('migrate a database made by the hand-written files to the generated tables once, then leave it as it is', async () => {
    const generated = await fresh('tables_generated_again');
    await migrateServices(generated, SERVICES);
    const expected = await describeTables(generated, TABLES);
    expect((await migrateServices(legacyUrl, SERVICES)).applied).toEqual(SINCE_THE_FILES);
    expectSameTables(await describeTables(legacyUrl, TABLES), expected);
    expect((await migrateServices(legacyUrl, SERVICES)).applied).toEqual([]);
    expectSameTables(await describeTables(legacyUrl, TABLES), expected);
  });
});
