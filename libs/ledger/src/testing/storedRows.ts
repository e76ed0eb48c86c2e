import type { ClientBase, Pool } from 'pg';

/*
 * What other packages' tests check about the ledger's storage at rest, asked here so that only
 * libs/ledger names its tables: that a personal value is nowhere in clear, what text was stored,
 * which migrations ran. Reads as the given pool's role, outside any org scope.
 */

type Queryable = Pool | ClientBase;

/** Stored events (any column, the canonical text included) of `orgId`, or of every org, whose row contains `text`. */
export async function countStoredEventsContaining(db: Queryable, text: string, orgId?: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ledger_events e
      WHERE strpos(e::text, $1) > 0 AND ($2::text IS NULL OR e.org_id = $2)`,
    [text, orgId ?? null],
  );
  return rows[0].n;
}

/** The canonical texts stored for a stream, in stream order, optionally of one event type only. */
export async function storedCanonicalTexts(
  db: Queryable,
  orgId: string,
  streamId: string,
  type?: string,
): Promise<string[]> {
  const { rows } = await db.query<{ canonical: string }>(
    `SELECT canonical FROM ledger_events
      WHERE org_id = $1 AND stream_id = $2 AND ($3::text IS NULL OR type = $3)
      ORDER BY stream_revision`,
    [orgId, streamId, type ?? null],
  );
  return rows.map((row) => row.canonical);
}

/** The identity of every event stored for an org, committed or not yet sequenced. */
export async function storedEventIds(db: Queryable, orgId: string): Promise<{ eventId: string; type: string }[]> {
  const { rows } = await db.query<{ event_id: string; type: string }>(
    'SELECT event_id, type FROM ledger_events WHERE org_id = $1',
    [orgId],
  );
  return rows.map((row) => ({ eventId: row.event_id, type: row.type }));
}

/** Applied migration versions of one namespace (`bus`, `projections`, …), in order. */
export async function appliedMigrationVersions(db: Queryable, namespace: string): Promise<string[]> {
  const { rows } = await db.query<{ version: string }>(
    'SELECT version FROM ledger_schema_migrations WHERE starts_with(version, $1) ORDER BY version',
    [`${namespace}:`],
  );
  return rows.map((row) => row.version);
}
