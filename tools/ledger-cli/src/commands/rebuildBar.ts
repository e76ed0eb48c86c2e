import type { RebuildProgress } from '@ledger/projections';

export interface RebuildRate {
  eventsPerSecond: number;
  /** Null until a rate is known. */
  etaSeconds: number | null;
}

/** Events per second over the whole run so far, and the time left at that rate. */
export function rebuildRate(startedAt: number, progress: RebuildProgress, now = Date.now()): RebuildRate {
  const seconds = Math.max(0.001, (now - startedAt) / 1000);
  const eventsPerSecond = Math.round(progress.done / seconds);
  const left = Math.max(0, progress.total - progress.done);
  return { eventsPerSecond, etaSeconds: eventsPerSecond === 0 ? null : Math.round(left / eventsPerSecond) };
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
}

/**
 * One line of the rebuild's terminal bar. An ETA is shown only while events are being
 * applied: the switch is one short transaction whose duration no event rate predicts, so it
 * shows its phase instead of a guess.
 */
export function formatRebuildBar(progress: RebuildProgress, rate: RebuildRate, width = 30): string {
  const total = Math.max(progress.total, progress.done, 0);
  const ratio = total === 0 ? 1 : progress.done / total;
  const filled = Math.round(ratio * width);
  const bar = '\u2588'.repeat(filled) + '\u2591'.repeat(width - filled);
  const counts = `${progress.done}/${total} events | ${rate.eventsPerSecond} ev/s`;
  const tail =
    progress.phase === 'building'
      ? `ETA ${rate.etaSeconds === null ? '--' : formatDuration(rate.etaSeconds)}`
      : progress.phase;
  return `${progress.orgId} [${bar}] ${Math.floor(ratio * 100)}% | ${counts} | ${tail}`;
}
