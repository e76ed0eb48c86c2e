import type { SweepProgress } from '@ledger/ledger';
import { formatSweepBar } from './retentionBar';

const progress = (done: number, total: number, shredded: number, held: number): SweepProgress => ({
  orgId: 'org-a',
  sweepId: '00000000-0000-4000-8000-000000000000',
  done,
  total,
  shredded,
  held,
});

describe('the sweep progress bar', () => {
  it('shows streams looked at, shredded and held, the rate and the time left', () => {
    expect(formatSweepBar(progress(500, 1000, 480, 20), 0, 1000, 10)).toBe(
      'org-a [█████░░░░░] 50% | 500/1000 streams | 480 shredded, 20 held | 500 streams/s | ETA 1s',
    );
  });

  it('starts with no rate and ends full, and a sweep with nothing due is complete', () => {
    expect(formatSweepBar(progress(0, 1000, 0, 0), 0, 1000, 4)).toBe(
      'org-a [░░░░] 0% | 0/1000 streams | 0 shredded, 0 held | 0 streams/s | ETA --',
    );
    expect(formatSweepBar(progress(0, 0, 0, 0), 0, 1000, 4)).toBe(
      'org-a [████] 100% | 0/0 streams | 0 shredded, 0 held | 0 streams/s | ETA --',
    );
  });
});
