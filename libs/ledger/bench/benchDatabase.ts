import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedServer } from '@ledger/postgres';

export interface BenchDatabase {
  url: string;
  /** Where the server came from, reported with the results. */
  server: string;
  close(): Promise<void>;
}

/**
 * A fresh database for one benchmark run: on the server named by DATABASE_URL, or on an
 * embedded server started for the run.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  const server = given
    ? null
    : await startEmbeddedServer({ dataDir: await mkdtemp(join(tmpdir(), 'ledger-bench-')), persistent: false });
  const adminUrl = given ?? server!.url;
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    server: `PostgreSQL ${rows[0].server_version} (${given ? 'DATABASE_URL' : 'embedded'})`,
    async close() {
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      await server?.stop();
    },
  };
}
