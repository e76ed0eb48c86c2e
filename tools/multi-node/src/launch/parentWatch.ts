/**
 * Child processes of `start:multi` leave with their parent, however it goes: a process manager's
 * SIGTERM, a terminal closing, or a SIGKILL that gives the parent no chance to stop them.
 */

/** Set by a parent that keeps a pipe open on the child's stdin for as long as it lives. */
export const PARENT_PIPE_VARIABLE = 'LEDGER_PARENT_PIPE';

/** The environment that tells a child to watch its stdin (see `watchParentPipe`). */
export function parentPipeEnv(): Record<string, string> {
  return { [PARENT_PIPE_VARIABLE]: 'stdin' };
}

/**
 * Calls `onGone` once the parent's end of the stdin pipe closes, which the kernel does when the
 * parent exits for any reason. Only when the parent asked for it: a service run by docker or
 * systemd may have a closed stdin from the start.
 */
export function watchParentPipe(onGone: () => void, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[PARENT_PIPE_VARIABLE] !== 'stdin') return false;
  process.stdin.once('end', onGone);
  process.stdin.once('error', onGone);
  process.stdin.resume();
  return true;
}

/**
 * Calls `onGone` once this process has been re-parented (its parent died and init or a
 * subreaper adopted it), for a process whose stdin is not a pipe from its parent: the launcher
 * under npm, whose stdin is the terminal.
 */
export function watchParentPid(onGone: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
