import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { LocalKeyProvider } from '../crypto/keyProvider';
import { Ledger, type LedgerOptions } from '../ledger';
import { createPool, LEDGER_WRITER_ROLE } from '../pool';
import { migrate } from '../schema/migrate';

export interface LedgerTestContext {
  database: TestDatabase;
  /** Superuser pool: for inspecting and tampering, never for the ledger itself. */
  admin: Pool;
  /** The application's pool, running as the ledger_writer role. */
  writer: Pool;
  ledger: Ledger;
  keyProvider: LocalKeyProvider;
  close(): Promise<void>;
}

/** A fresh, migrated database and a ledger on it, as the application would run it. */
export async function createLedgerTestContext(
  options: Partial<Omit<LedgerOptions, 'pool' | 'keyProvider'>> = {},
): Promise<LedgerTestContext> {
  const database = await createTestDatabase('ledger');
  await migrate(database.url);
  const admin = createPool({ connectionString: database.url, max: 4 });
  const writer = createPool({ connectionString: database.url, max: 20, role: LEDGER_WRITER_ROLE });
  const keyProvider = new LocalKeyProvider({ test: randomBytes(32) });
  const ledger = new Ledger({ pool: writer, keyProvider, connectionString: database.url, ...options });
  return {
    database,
    admin,
    writer,
    ledger,
    keyProvider,
    async close() {
      await ledger.close();
      await writer.end();
      await admin.end();
      await database.drop();
    },
  };
}

/** Stored events, of every org or of `orgId` alone. */
export async function countEvents(pool: Pool, orgId?: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM ledger_events WHERE $1::text IS NULL OR org_id = $1',
    [orgId ?? null],
  );
  return Number(rows[0].n);
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
