import { SingleBar } from 'cli-progress';
import type { SweepProgress } from '@ledger/ledger';
import { printJson } from './projectionsContext';
import { formatDuration } from './rebuildBar';

export interface SweepReporter {
  update(progress: SweepProgress): void;
  stop(): void;
}

/** One line of the sweep's bar: streams looked at / due, shredded, held, streams/s and ETA. */
export function formatSweepBar(progress: SweepProgress, startedAt: number, now = Date.now(), width = 30): string {
  const total = Math.max(progress.total, progress.done);
  const ratio = total === 0 ? 1 : progress.done / total;
  const filled = Math.round(ratio * width);
  const seconds = Math.max(0.001, (now - startedAt) / 1000);
  const rate = Math.round(progress.done / seconds);
  const eta = rate === 0 ? '--' : formatDuration((total - progress.done) / rate);
  return (
    `${progress.orgId} [${'\u2588'.repeat(filled)}${'\u2591'.repeat(width - filled)}] ${Math.floor(ratio * 100)}% | ` +
    `${progress.done}/${total} streams | ${progress.shredded} shredded, ${progress.held} held | ${rate} streams/s | ETA ${eta}`
  );
}

export function sweepBarReporter(): SweepReporter {
  const started = Date.now();
  let latest: SweepProgress | undefined;
  const bar = new SingleBar({ format: () => (latest ? formatSweepBar(latest, started) : ''), fps: 5 });
  let begun = false;
  return {
    update(progress) {
      latest = progress;
      if (!begun) {
        bar.start(progress.total, progress.done);
        begun = true;
      }
      bar.setTotal(progress.total);
      bar.update(progress.done);
    },
    stop: () => bar.stop(),
  };
}

/** A JSON line per second at most, and the first and last. */
export function sweepJsonReporter(intervalMs = 1000): SweepReporter {
  let lastAt = 0;
  return {
    update(progress) {
      const last = progress.done === progress.total;
      if (!last && progress.done !== 0 && Date.now() - lastAt < intervalMs) return;
      lastAt = Date.now();
      printJson({ type: 'progress', ...progress });
    },
    stop: () => undefined,
  };
}
