import { Client } from 'pg';
import { migrateServices, serviceRole } from '@ledger/host';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { allProjections } from './lookups';
import { SERVICES } from './services';
import { migrateWithLegacyFiles } from './testing/legacyDatabase';

async function query<T extends object>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Ledger tables written after the per-service files, which therefore granted nothing on them. */
const NEWER_TABLES = ['ledger_retention_classes', 'ledger_legal_holds', 'ledger_retention_sweeps'];

/** What the service roles may do in a database: table grants, owned categories, inbox columns. */
async function privileges(url: string): Promise<unknown> {
  const roles = SERVICES.map(serviceRole);
  const grants = await query(
    url,
    `SELECT grantee, table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
       FROM information_schema.role_table_grants WHERE grantee = ANY($1) AND NOT table_name = ANY($2)
      GROUP BY grantee, table_name ORDER BY grantee, table_name`,
    [roles, NEWER_TABLES],
  );
  const owners = await query(url, 'SELECT category, owner_role FROM ledger_category_owners ORDER BY category');
  const inboxes = await query(
    url,
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_name LIKE '%\\_inbox' ORDER BY table_name, ordinal_position`,
  );
  return { grants, owners, inboxes };
}

describe('service roles generated from the registry', () => {
  const databases: TestDatabase[] = [];
  const fresh = async (name: string) => {
    const database = await createTestDatabase(name);
    databases.push(database);
    return database.url;
  };
  afterAll(() => Promise.all(databases.map((database) => database.drop())));

  it('grant what the per-service files granted, and a database migrated with those files keeps working', async () => {
    const legacy = await fresh('roles_legacy');
    await migrateWithLegacyFiles(legacy);
    const before = await privileges(legacy);

    const report = await migrateServices(legacy, SERVICES);
    // Only the migrations written since those files: free-text columns replaced by event ids.
    expect([report.applied, report.repeated]).toEqual([
      ['claims:004_reasons_sealed', 'evidence:004_account_label_sealed'],
      [
        ...allProjections()
          .map((projection) => `${projection.name}:tables`)
          .sort(),
        ...SERVICES.map((s) => `${s.name}:service-role`),
        'host:runtime-roles',
      ],
    ]);
    expect(await privileges(legacy)).toEqual(before);
    const recorded = await query<{ version: string }>(legacy, 'SELECT version FROM ledger_schema_migrations');
    expect(recorded.map((row) => row.version)).toEqual(
      expect.arrayContaining(['bus:002_relay_grants', 'evidence:002_service_role', 'claims:003_inbox']),
    );

    const current = await fresh('roles_current');
    await migrateServices(current, SERVICES);
    expect(await privileges(current)).toEqual(before);
    expect((await migrateServices(current, SERVICES)).applied).toEqual([]);
    // The compliance tables, which the files predate: every service role may record holds and
    // classes (with their events) and its sweeps.
    const newer = await query<{ grantee: string; table_name: string; privileges: string }>(
      current,
      `SELECT grantee, table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
         FROM information_schema.role_table_grants WHERE grantee = ANY($1) AND table_name = ANY($2)
        GROUP BY grantee, table_name`,
      [SERVICES.map(serviceRole), NEWER_TABLES],
    );
    expect(newer).toHaveLength(SERVICES.length * NEWER_TABLES.length);
    expect(new Set(newer.map((row) => row.privileges))).toEqual(new Set(['INSERT,SELECT,UPDATE']));
  });

  it('reaches every service role with the relay checkpoint grant when the bus is migrated after the services (a single-node database going multi-node)', async () => {
    const url = await fresh('roles_bus_later');
    await migrateServices(url, SERVICES, { bus: false });
    await migrateServices(url, SERVICES);
    for (const service of SERVICES) {
      const [row] = await query<{ granted: boolean }>(
        url,
        `SELECT has_table_privilege($1, 'bus_relay_checkpoints', 'SELECT, INSERT, UPDATE') AS granted`,
        [serviceRole(service)],
      );
      expect([service.name, row.granted]).toEqual([service.name, true]);
    }
  });
});
