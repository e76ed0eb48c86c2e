import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateServices } from '@ledger/host';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { SERVICES } from '@ledger/registry';

/** A fresh database with every migration `npm start` runs: the ledger's, then each service's, with its role. */
export async function createMigratedDatabase(prefix: string): Promise<TestDatabase> {
  const database = await createTestDatabase(prefix);
  await migrateServices(database.url, SERVICES, { bus: false });
  return database;
}

/** A superuser connection that has switched to `role`, as a deployed service would run. */
export async function connectAs(url: string, role: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`SET ROLE ${role}`);
  return client;
}

/** Roles are server-wide and test files run side by side, so each test role gets its own name. */
export function uniqueRoleName(stem: string): string {
  return `${stem}_${randomBytes(4).toString('hex')}`;
}

/** Drops a role made for a test, with its grants in `url`'s database (its only database). */
export async function dropTestRole(url: string, role: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP OWNED BY ${role}`);
    await client.query(`DROP ROLE ${role}`);
  } finally {
    await client.end();
  }
}
