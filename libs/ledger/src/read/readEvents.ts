import type { Pool } from 'pg';
import type { StoredStreamKey, StreamKeys } from '../crypto/streamKeys';
import type { RecordedEvent } from '../events/types';
import { EVENT_COLUMNS, parseRows, type EventRowColumns } from './rowToEvent';
import { openWithKeys, type PersonalAccess } from './unsealPersonal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BY_ID_SQL = `SELECT ${EVENT_COLUMNS} FROM ledger_events e WHERE e.org_id = $1 AND e.event_id = ANY($2::uuid[])`;
// Reads that decrypt fetch the streams' wrapped keys in the same round trip: these reads sit
// on request paths (Evidence.List, brief reads) where each round trip counts.
const BY_ID_WITH_KEYS_SQL = `SELECT ${EVENT_COLUMNS},
       k.org_id AS key_org_id, k.stream_id AS key_stream_id, k.master_key_id, k.wrapped_key
  FROM ledger_events e
  LEFT JOIN ledger_stream_keys k ON k.org_id = e.org_id AND k.stream_id = e.stream_id
 WHERE e.org_id = $1 AND e.event_id = ANY($2::uuid[])`;

interface RowWithKey extends EventRowColumns {
  key_org_id: string | null;
  key_stream_id: string | null;
  master_key_id: string | null;
  wrapped_key: Buffer | null;
}

/**
 * Events of one org by id, in the order asked; ids of other orgs or unknown ids are left out,
 * so a caller cannot tell another org's event from a missing one. Read models keep event ids
 * instead of personal text: the text is fetched here, and a shredded stream reads as erased.
 */
export async function readEvents(
  pool: Pool,
  keys: StreamKeys,
  orgId: string,
  eventIds: readonly string[],
  personal: PersonalAccess,
): Promise<RecordedEvent[]> {
  const distinct = [...new Set(eventIds)].filter((id) => UUID.test(id));
  if (distinct.length === 0) return [];
  let events: RecordedEvent[];
  if (personal === 'withhold') {
    events = parseRows((await pool.query<EventRowColumns>(BY_ID_SQL, [orgId, distinct])).rows).events;
  } else {
    const { rows } = await pool.query<RowWithKey>(BY_ID_WITH_KEYS_SQL, [orgId, distinct]);
    const stored: StoredStreamKey[] = [];
    for (const row of rows) {
      if (row.key_org_id === null || row.key_stream_id === null || row.master_key_id === null) continue;
      stored.push({
        org_id: row.key_org_id,
        stream_id: row.key_stream_id,
        master_key_id: row.master_key_id,
        wrapped_key: row.wrapped_key,
      });
    }
    events = openWithKeys(parseRows(rows), await keys.unwrap(stored));
  }
  const byId = new Map(events.map((event) => [event.eventId, event]));
  return distinct.flatMap((id) => byId.get(id) ?? []);
}
