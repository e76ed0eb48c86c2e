import type { Pool } from 'pg';
import { metrics, type Meter } from '@opentelemetry/api';
import { PeakGauge } from '@ledger/observability';

/** Counting stops here: past it, the number matters less than that it is large. */
export const LAG_COUNT_CAP = 100_000;

/**
 * Committed events the sequencer has yet to take, in its own order, and the age of the oldest.
 * A long transaction holding the snapshot's xmin stops sequencing while the sequencer's loop
 * keeps going round: this is what shows it.
 */
const LAG_SQL = `SELECT count(*)::int AS events,
       coalesce(extract(epoch FROM now() - min(w.recorded_at)), 0)::float8 AS oldest_seconds
  FROM (SELECT e.recorded_at FROM ledger_events e, ledger_sequencer_cursor c
         WHERE (e.tx_id, e.position) > (c.last_tx_id, c.last_position)
         ORDER BY e.tx_id, e.position LIMIT ${LAG_COUNT_CAP}) w`;

export interface SequencerLag {
  events: number;
  oldestSeconds: number;
}

export async function measureSequencerLag(pool: Pool): Promise<SequencerLag> {
  const { rows } = await pool.query<{ events: number; oldest_seconds: number }>(LAG_SQL);
  return { events: rows[0].events, oldestSeconds: Math.max(0, rows[0].oldest_seconds) };
}

/** The sequencer's lag as peak gauges: a spike between two scrapes is still seen at the next. */
export class SequencerLagMetrics {
  private readonly events: PeakGauge;
  private readonly oldest: PeakGauge;

  constructor(meter: Meter = metrics.getMeter('@ledger/ledger')) {
    this.events = new PeakGauge(meter, 'ledger.sequencer.lag.events', {
      description: `Committed events not yet sequenced (counted up to ${LAG_COUNT_CAP}), the peak of the last minute`,
      unit: '{event}',
    });
    this.oldest = new PeakGauge(meter, 'ledger.sequencer.oldest_unsequenced.age', {
      description: 'Age of the oldest committed event not yet sequenced, the peak of the last minute',
      unit: 's',
    });
  }

  record(lag: SequencerLag): void {
    this.events.record(lag.events);
    this.oldest.record(lag.oldestSeconds);
  }
}
