import type { Pool } from 'pg';
import type { StreamKeys } from '../crypto/streamKeys';
import type { RecordedEvent } from '../events/types';
import { EVENT_COLUMNS, parseRows, type EventRowColumns } from './rowToEvent';
import { unsealPage, type PersonalAccess } from './unsealPersonal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BY_ID_SQL = `SELECT ${EVENT_COLUMNS} FROM ledger_events e WHERE e.org_id = $1 AND e.event_id = ANY($2::uuid[])`;

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
  const { rows } = await pool.query<EventRowColumns>(BY_ID_SQL, [orgId, distinct]);
  const events = await unsealPage(parseRows(rows), keys, personal);
  const byId = new Map(events.map((event) => [event.eventId, event]));
  return distinct.flatMap((id) => byId.get(id) ?? []);
}
