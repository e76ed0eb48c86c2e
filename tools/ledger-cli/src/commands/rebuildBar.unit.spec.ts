import type { RebuildProgress } from '@ledger/projections';
import { formatDuration, formatRebuildBar, rebuildRate } from './rebuildBar';

const progress = (phase: RebuildProgress['phase'], done: number, total: number): RebuildProgress => ({
  projection: 'claims.graph',
  orgId: 'org-a',
  generation: 2,
  phase,
  done,
  total,
});

describe('the rebuild progress bar', () => {
  it('shows the ETA while building', () => {
    expect(formatRebuildBar(progress('building', 500, 1000), { eventsPerSecond: 250, etaSeconds: 2 }, 10)).toBe(
      'org-a [█████░░░░░] 50% | 500/1000 events | 250 ev/s | ETA 2s',
    );
    expect(formatRebuildBar(progress('building', 0, 1000), { eventsPerSecond: 0, etaSeconds: null }, 10)).toBe(
      'org-a [░░░░░░░░░░] 0% | 0/1000 events | 0 ev/s | ETA --',
    );
  });

  it('shows the switch as a phase, with no ETA', () => {
    const line = formatRebuildBar(progress('switching', 1000, 1000), { eventsPerSecond: 900, etaSeconds: 0 }, 10);
    expect(line).toBe('org-a [██████████] 100% | 1000/1000 events | 900 ev/s | switching');
    expect(line).not.toMatch(/ETA|LL|NULL/);
  });

  it('never draws past the end when events arrived after the total was read', () => {
    expect(formatRebuildBar(progress('building', 1200, 1000), { eventsPerSecond: 10, etaSeconds: 0 }, 4)).toBe(
      'org-a [████] 100% | 1200/1200 events | 10 ev/s | ETA 0s',
    );
  });

  it('computes the rate over the run so far', () => {
    expect(rebuildRate(0, progress('building', 300, 900), 3000)).toEqual({ eventsPerSecond: 100, etaSeconds: 6 });
    expect(rebuildRate(0, progress('building', 0, 900), 3000)).toEqual({ eventsPerSecond: 0, etaSeconds: null });
  });

  it('formats durations for people', () => {
    expect([5, 65, 3600 + 120].map(formatDuration)).toEqual(['5s', '1m05s', '1h02m']);
  });
});
