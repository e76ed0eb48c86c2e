/**
 * `npm run start:multi`: starts the multi-node stack (`launch/stackMain.ts`) in a process group of
 * its own and is its only way in. A terminal's Ctrl-C reaches every process of the foreground
 * group at once; were the services, the embedded PostgreSQL and the broker in it, the database
 * would stop under the services while they close. Here only this launcher (and npm) receive it,
 * and the stack stops in order: services, broker, database.
 *
 * The stack leaves with this launcher: on SIGINT, SIGTERM or SIGHUP it is told to stop; when
 * the launcher dies without a word (SIGKILL) its stdin pipe closes and it stops by itself; when
 * npm above is killed, the launcher notices it was re-parented and stops the stack.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPipeEnv, watchParentPid } from './launch/parentWatch';

const STACK_MAIN = join(__dirname, 'launch', 'stackMain.ts');
/** A second request to stop this long after the first forces it (npm relays each Ctrl-C once more at once). */
const FORCE_AFTER_MS = 3_000;

const stack = spawn(
  process.execPath,
  ['--import', pathToFileURL(require.resolve('tsx')).href, STACK_MAIN, ...process.argv.slice(2)],
  { env: { ...process.env, ...parentPipeEnv() }, stdio: ['pipe', 'inherit', 'inherit'], detached: true },
);

let stopRequestedAt: number | undefined;
function stop(): void {
  if (stack.exitCode !== null || stack.signalCode !== null) return;
  if (stopRequestedAt === undefined) {
    stopRequestedAt = Date.now();
    stack.kill('SIGTERM');
    return;
  }
  if (Date.now() - stopRequestedAt < FORCE_AFTER_MS || stack.pid === undefined) return;
  process.stderr.write('start:multi: stopping by force\n');
  // The whole group: the stack and everything it started.
  process.kill(-stack.pid, 'SIGKILL');
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
const unwatch = watchParentPid(stop);

stack.once('error', (error) => {
  process.stderr.write(`start:multi failed: ${error.message}\n`);
  process.exit(1);
});
stack.once('exit', (code, signal) => {
  unwatch();
  process.exit(code ?? (signal === 'SIGKILL' ? 137 : 1));
});
