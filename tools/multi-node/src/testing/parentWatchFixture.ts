/**
 * For parentWatch.int.spec.ts: `middle <pipe|pid>` starts a `leaf` that watches it the given way
 * and prints the leaf's pid; the leaf prints "watching" once it watches, and "gone" as it exits
 * because its parent has gone.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parentPipeEnv, watchParentPid, watchParentPipe } from '../launch/parentWatch';

const [role, how] = process.argv.slice(2);
if (role === 'middle') {
  const leaf = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, __filename, 'leaf', how],
    {
      env: { ...process.env, ...(how === 'pipe' ? parentPipeEnv() : {}) },
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
  process.stdout.write(`leaf ${leaf.pid}\n`);
  setInterval(() => undefined, 1_000);
} else {
  const gone = () => {
    process.stdout.write('gone\n');
    process.exit(0);
  };
  if (how === 'pipe') watchParentPipe(gone);
  else watchParentPid(gone, 100);
  process.stdout.write('watching\n');
  setInterval(() => undefined, 1_000);
}
