import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer, type EmbeddedServer } from '../embedded/embeddedServer';
import { TEST_SERVER_URL_VARIABLE } from './testDatabase';

declare global {
  // Shared with the teardown, which runs in the same process.
  var __EMBEDDED_TEST_SERVER__: EmbeddedServer | undefined;
}

/** Starts one embedded server for the whole Jest run unless TEST_DATABASE_URL names a server. */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_SERVER_URL_VARIABLE]) return;
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-test-pg-'));
  const server = await startEmbeddedServer({ dataDir, persistent: false });
  globalThis.__EMBEDDED_TEST_SERVER__ = server;
  process.env[TEST_SERVER_URL_VARIABLE] = server.url;
}
