import { CollectingReader } from '@ledger/observability/testing';
import { LEDGER_METRICS, LedgerMetrics } from './ledgerMetrics';
import { EVENTS_SKIPPED_METRIC } from './skippedEvents';
import { VERIFICATION_FAILURES_METRIC } from '../verify/verificationMetrics';

describe('the ledger counters', () => {
  it('are exported at 0 for every known label set before anything happened', async () => {
    const reader = new CollectingReader();
    new LedgerMetrics(reader.meter());
    const byLabel = async (metric: string, label: string) =>
      Object.fromEntries((await reader.points(metric)).map((p) => [String(p.attributes[label]), p.value]));
    expect(await byLabel(LEDGER_METRICS.appendConflicts, 'error.type')).toEqual({
      'LEDGER.VERSION_CONFLICT': 0,
      'LEDGER.EVENT_ID_CONFLICT': 0,
    });
    expect(await byLabel(LEDGER_METRICS.sequencerBatches, 'outcome')).toEqual({
      sequenced: 0,
      idle: 0,
      elsewhere: 0,
      failed: 0,
    });
    expect(await byLabel(EVENTS_SKIPPED_METRIC, 'reader')).toEqual({ projection: 0, subscription: 0 });
    expect(Object.values(await byLabel(VERIFICATION_FAILURES_METRIC, 'kind'))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('count a conflict on the series that started at 0', async () => {
    const reader = new CollectingReader();
    const ledgerMetrics = new LedgerMetrics(reader.meter());
    ledgerMetrics.appended(0.01, Object.assign(new Error('conflict'), { code: 'LEDGER.VERSION_CONFLICT' }));
    const points = await reader.points(LEDGER_METRICS.appendConflicts);
    expect(points.map((p) => [p.attributes['error.type'], p.value])).toEqual([
      ['LEDGER.VERSION_CONFLICT', 1],
      ['LEDGER.EVENT_ID_CONFLICT', 0],
    ]);
  });
});
