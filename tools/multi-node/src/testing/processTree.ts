import { readFileSync, readdirSync } from 'node:fs';

/** A process as /proc names it: its pid and start time, so that a reused pid is not mistaken for it. */
export interface ProcessId {
  pid: number;
  startTime: string;
  command: string;
}

function stat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command, in parentheses, may hold spaces; the fields after it are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], startTime: fields[19] };
  } catch {
    return undefined;
  }
}

function command(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 400);
  } catch {
    return '';
  }
}

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter((word) => word.length > 0)
        .map(Number),
    );
  } catch {
    return [];
  }
}

/** Every process below `pid`, whatever process group or session it moved to. */
export function descendants(pid: number): ProcessId[] {
  const found: ProcessId[] = [];
  const visit = (parent: number) => {
    for (const child of children(parent)) {
      const info = stat(child);
      if (info) found.push({ pid: child, startTime: info.startTime, command: command(child) });
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** Still running: the same process (same start time) and not a zombie waiting to be reaped. */
export function isRunning(process: ProcessId): boolean {
  const info = stat(process.pid);
  return info !== undefined && info.startTime === process.startTime && info.state !== 'Z';
}

/** The processes of `processes` still running after `timeoutMs`; empty when all have exited. */
export async function waitUntilGone(processes: ProcessId[], timeoutMs: number): Promise<ProcessId[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = processes.filter(isRunning);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
