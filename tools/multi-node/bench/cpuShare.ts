import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

interface ProcessTimes {
  ppid: number;
  comm: string;
  ticks: number;
}

function readProcesses(): Map<number, ProcessTimes> {
  const processes = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ..." where comm may hold spaces and parentheses.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // After comm: state(0) ppid(1) ... utime(11) stime(12).
      processes.set(Number(entry), { ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the directory was read.
    }
  }
  return processes;
}

/** Busy and total ticks of the whole machine (all cores), from the first line of /proc/stat. */
function readMachine(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle and iowait are the 4th and 5th.
  return { busy: total - fields[3] - fields[4], total };
}

type Classify = (pid: number, process: ProcessTimes, ancestors: readonly number[]) => string;

interface Snapshot {
  at: number;
  byPid: Map<number, { group: string; ticks: number }>;
  machine: { busy: number; total: number };
}

function snapshot(classify: Classify): Snapshot {
  const processes = readProcesses();
  const byPid = new Map<number, { group: string; ticks: number }>();
  for (const [pid, process] of processes) {
    const ancestors: number[] = [];
    for (let up = process.ppid; up > 1 && ancestors.length < 32; up = processes.get(up)?.ppid ?? 0) ancestors.push(up);
    byPid.set(pid, { group: classify(pid, process, ancestors), ticks: process.ticks });
  }
  return { at: performance.now(), byPid, machine: readMachine() };
}

/**
 * CPU used by groups of processes while something runs, in cores (1 = one core busy all the
 * time), with `rest_of_machine` for every process not in a group: other people's work on a
 * shared machine shows there. Linux only; elsewhere it reports nothing.
 */
export class CpuShare {
  private readonly start: Snapshot | null;

  constructor(private readonly classify: Classify) {
    try {
      this.start = snapshot(classify);
    } catch {
      this.start = null;
    }
  }

  finish(): Record<string, number> | null {
    if (this.start === null) return null;
    const end = snapshot(this.classify);
    const seconds = (end.at - this.start.at) / 1000;
    const ticks = new Map<string, number>();
    for (const [pid, { group, ticks: after }] of end.byPid) {
      if (group === '') continue;
      // A process that started during the window counts from zero.
      const before = this.start.byPid.get(pid)?.ticks ?? 0;
      ticks.set(group, (ticks.get(group) ?? 0) + Math.max(0, after - before));
    }
    const ours = [...ticks.values()].reduce((a, b) => a + b, 0);
    const cores = (value: number) => Number((value / TICKS_PER_SECOND / seconds).toFixed(2));
    const result: Record<string, number> = {};
    for (const [group, value] of [...ticks].sort(([a], [b]) => a.localeCompare(b))) result[group] = cores(value);
    result.rest_of_machine = cores(Math.max(0, end.machine.busy - this.start.machine.busy - ours));
    result.machine_idle = cores(
      end.machine.total - this.start.machine.total - (end.machine.busy - this.start.machine.busy),
    );
    return result;
  }
}
