import { resolve } from 'node:path';
import { startEmbeddedServer } from './embeddedServer';

export interface ResolvedDatabase {
  readonly url: string;
  /** Where the URL came from, for a start-up line that names no credentials. */
  readonly source: 'DATABASE_URL' | 'embedded';
  close(): Promise<void>;
}

/**
 * The database a process should use: DATABASE_URL when given, otherwise an embedded server
 * whose data lives in a local folder that survives restarts.
 */
export async function resolveDatabase(
  env: NodeJS.ProcessEnv = process.env,
  dataDir = resolve(env.LEDGER_DATA_DIR ?? '.data/postgres'),
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, source: 'DATABASE_URL', close: async () => undefined };
  }
  const server = await startEmbeddedServer({ dataDir, persistent: true });
  return { url: server.url, source: 'embedded', close: () => server.stop() };
}
