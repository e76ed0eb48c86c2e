import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { startEmbeddedServer } from './embeddedServer';

async function count(url: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const results: unknown = await client.query(sql);
    const last = Array.isArray(results) ? results[results.length - 1] : results;
    return Number((last as { rows: { n: string }[] }).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL server', () => {
  it('keeps its data across a restart when persistent', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'embedded-persist-'));
    const first = await startEmbeddedServer({ dataDir, persistent: true });
    try {
      expect(await count(first.url, 'CREATE TABLE kept AS SELECT 42 AS n; SELECT count(*) AS n FROM kept')).toBe(1);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedServer({ dataDir, persistent: true });
    try {
      expect(await count(second.url, 'SELECT n FROM kept')).toBe(42);
    } finally {
      await second.stop();
    }
  });

  it('serves a pool of independent sessions with LISTEN/NOTIFY', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'embedded-pool-'));
    const server = await startEmbeddedServer({ dataDir, persistent: false });
    const pool = new Pool({ connectionString: server.url, max: 4 });
    const listener = new Client({ connectionString: server.url });
    // Sessions the stopping server terminates report it as an error event; that is the expected end.
    pool.on('error', () => undefined);
    listener.on('error', () => undefined);
    try {
      await listener.connect();
      const received = new Promise<string>((resolve) => listener.once('notification', (n) => resolve(n.payload ?? '')));
      await listener.query('LISTEN probe');
      const a = await pool.connect();
      const b = await pool.connect();
      await a.query(`SET application_name = 'session-a'`);
      const { rows } = await b.query<{ name: string }>('SHOW application_name');
      expect(rows[0].name).not.toBe('session-a');
      a.release();
      b.release();
      await pool.query(`NOTIFY probe, 'hello'`);
      expect(await received).toBe('hello');
    } finally {
      await listener.end();
      await pool.end();
      await server.stop();
    }
  });
});
