import { Presets, SingleBar } from 'cli-progress';

/** Where a drill says what it is doing: a bar on a terminal, JSON lines otherwise. */
export interface DrillProgress {
  phase(name: string, detail?: Record<string, unknown>): void;
  /** Starts counting `total` units of the current phase; `advance` adds to it, `done` closes it. */
  count(total: number): { advance(units: number): void; done(): void };
}

export function drillProgress(json: boolean): DrillProgress {
  return json ? jsonProgress() : terminalProgress();
}

function jsonProgress(intervalMs = 1000): DrillProgress {
  let current = '';
  const line = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);
  return {
    phase(name, detail) {
      current = name;
      line({ type: 'phase', phase: name, at: new Date().toISOString(), ...detail });
    },
    count(total) {
      let done = 0;
      let lastAt = 0;
      return {
        advance(units) {
          done += units;
          if (Date.now() - lastAt < intervalMs) return;
          lastAt = Date.now();
          line({ type: 'progress', phase: current, done, total });
        },
        done: () => line({ type: 'progress', phase: current, done, total }),
      };
    },
  };
}

function terminalProgress(): DrillProgress {
  let current = '';
  return {
    phase(name, detail) {
      current = name;
      const extra = detail ? ` ${JSON.stringify(detail)}` : '';
      process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${name}${extra}\n`);
    },
    count(total) {
      const bar = new SingleBar(
        { format: `${current} [{bar}] {percentage}% | {value}/{total} | {eta}s left`, fps: 5, stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      return { advance: (units) => bar.increment(units), done: () => bar.stop() };
    },
  };
}
