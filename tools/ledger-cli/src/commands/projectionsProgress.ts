import { SingleBar } from 'cli-progress';
import type { RebuildProgress } from '@ledger/projections';
import { printJson } from './projectionsContext';
import { formatRebuildBar, rebuildRate } from './rebuildBar';

export interface ProgressReporter {
  update(progress: RebuildProgress): void;
  stop(): void;
}

/** A progress bar for a terminal: events done / total, events/s, ETA while building, then the phase. */
export function barReporter(): ProgressReporter {
  const started = Date.now();
  let latest: RebuildProgress | undefined;
  const bar = new SingleBar({
    format: () => (latest ? formatRebuildBar(latest, rebuildRate(started, latest)) : ''),
    fps: 5,
  });
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

/** One JSON line per second at most, and on every phase change. */
export function jsonReporter(intervalMs = 1000): ProgressReporter {
  const started = Date.now();
  let lastAt = 0;
  let lastPhase = '';
  return {
    update(progress) {
      if (progress.phase === lastPhase && Date.now() - lastAt < intervalMs) return;
      lastAt = Date.now();
      lastPhase = progress.phase;
      printJson({ type: 'progress', ...progress, ...rebuildRate(started, progress) });
    },
    stop: () => undefined,
  };
}
