import { Presets, SingleBar } from 'cli-progress';
import type { RebuildProgress } from '@ledger/projections';
import { printJson } from './projectionsContext';

export interface ProgressReporter {
  update(progress: RebuildProgress): void;
  stop(): void;
}

/** Events per second over the whole run so far, and the time left at that rate. */
function rates(started: number, progress: RebuildProgress) {
  const seconds = Math.max(0.001, (Date.now() - started) / 1000);
  const eventsPerSecond = Math.round(progress.done / seconds);
  const left = Math.max(0, progress.total - progress.done);
  return { eventsPerSecond, etaSeconds: eventsPerSecond === 0 ? null : Math.round(left / eventsPerSecond) };
}

/** A progress bar for a terminal: events done / total, events/s, ETA. */
export function barReporter(): ProgressReporter {
  const started = Date.now();
  const bar = new SingleBar(
    {
      format: '{org} [{bar}] {percentage}% | {value}/{total} events | {eps} ev/s | ETA {eta_formatted} | {phase}',
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let begun = false;
  return {
    update(progress) {
      const payload = { org: progress.orgId, phase: progress.phase, eps: rates(started, progress).eventsPerSecond };
      if (!begun) {
        bar.start(progress.total, progress.done, payload);
        begun = true;
      }
      bar.setTotal(progress.total);
      bar.update(progress.done, payload);
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
      printJson({ type: 'progress', ...progress, ...rates(started, progress) });
    },
    stop: () => undefined,
  };
}
