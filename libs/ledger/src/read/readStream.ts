import type { Pool } from 'pg';
import type { RecordedEvent } from '../events/types';
import type { StreamKeys } from '../crypto/streamKeys';
import { EVENT_COLUMNS, parseRows, type EventRowColumns } from './rowToEvent';
import { unsealPage, type PersonalAccess } from './unsealPersonal';

export interface ReadStreamOptions {
  direction?: 'forward' | 'backward';
  /** First revision to return (inclusive); backward reads default to the stream's end. */
  fromRevision?: number;
  batchSize?: number;
  personal?: PersonalAccess;
}

const FORWARD_SQL = `SELECT ${EVENT_COLUMNS}, e.stream_revision FROM ledger_events e
 WHERE e.org_id = $1 AND e.stream_id = $2 AND e.stream_revision >= $3 ORDER BY e.stream_revision LIMIT $4`;
const BACKWARD_SQL = `SELECT ${EVENT_COLUMNS}, e.stream_revision FROM ledger_events e
 WHERE e.org_id = $1 AND e.stream_id = $2 AND e.stream_revision <= $3 ORDER BY e.stream_revision DESC LIMIT $4`;

/** Streams one stream's events in batches; never holds more than one batch in memory. */
export async function* readStream(
  pool: Pool,
  keys: StreamKeys,
  orgId: string,
  streamId: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<RecordedEvent> {
  const backward = options.direction === 'backward';
  const batchSize = options.batchSize ?? 500;
  let next = options.fromRevision ?? (backward ? Number.MAX_SAFE_INTEGER : 0);
  for (;;) {
    const { rows } = await pool.query<EventRowColumns & { stream_revision: string }>(
      backward ? BACKWARD_SQL : FORWARD_SQL,
      [orgId, streamId, next, batchSize],
    );
    yield* await unsealPage(parseRows(rows), keys, options.personal ?? 'withhold');
    if (rows.length < batchSize) return;
    const last = Number(rows[rows.length - 1].stream_revision);
    next = backward ? last - 1 : last + 1;
    if (next < 0) return;
  }
}
