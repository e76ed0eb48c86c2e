import { Pool } from 'pg';
import { Ledger, LocalKeyProvider, type KeyProvider } from '@ledger/ledger';
import { resolveConnection, type Connection } from './resolveConnection';

/**
 * Operator commands read no personal data, and all but `projections skip` (whose reason is
 * sealed) append none, so without LEDGER_MASTER_KEYS they run with a provider that refuses to
 * wrap or unwrap anything.
 */
const noPersonalData: KeyProvider = {
  activeKeyId: 'none',
  wrap: () => Promise.reject(new Error('operator commands append no personal data')),
  unwrap: () => Promise.reject(new Error('operator commands read no personal data')),
};

export interface OpenLedger {
  connection: Connection;
  pool: Pool;
  ledger: Ledger;
  close(): Promise<void>;
}

/** A pool and a ledger on the resolved database; the services' sequencer orders what is appended. */
export function openLedger(connection: Connection = resolveConnection()): OpenLedger {
  const pool = new Pool({ connectionString: connection.databaseUrl, max: 4 });
  const masterKeys = connection.env.LEDGER_MASTER_KEYS;
  const keyProvider = masterKeys ? LocalKeyProvider.fromEnv(masterKeys) : noPersonalData;
  const ledger = new Ledger({ pool, keyProvider, runSequencer: false });
  return {
    connection,
    pool,
    ledger,
    async close() {
      await ledger.close();
      await pool.end();
    },
  };
}
