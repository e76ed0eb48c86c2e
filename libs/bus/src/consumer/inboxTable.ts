import type { PoolClient } from 'pg';
import type { EventEnvelope, MessagePosition } from './eventEnvelope';

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Table names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function assertInboxTableName(table: string): void {
  if (!PLAIN_IDENTIFIER.test(table)) {
    throw new Error(`inbox table must be a plain lower-case identifier such as claims_inbox, got "${table}"`);
  }
}

/**
 * The DDL of a consuming service's inbox, for its migrations: one row per event id the service
 * has applied, written in the same transaction as the effect. `offset` is a reserved word,
 * hence the quotes.
 */
export function inboxTableSql(table: string): string {
  assertInboxTableName(table);
  return `CREATE TABLE ${table} (
  event_id uuid PRIMARY KEY,
  topic text NOT NULL,
  partition integer NOT NULL,
  "offset" bigint NOT NULL,
  org_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);`;
}

/**
 * Claims the event for this transaction; false when the inbox already holds it (a redelivery).
 * A concurrent claim of the same id waits on the primary key until the other transaction ends,
 * so two deliveries racing each other still apply once.
 */
export async function claimInInbox(
  tx: PoolClient,
  table: string,
  envelope: EventEnvelope,
  position: MessagePosition,
): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO ${table} (event_id, topic, partition, "offset", org_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (event_id) DO NOTHING`,
    [envelope.eventId, position.topic, position.partition, position.offset, envelope.orgId],
  );
  return result.rowCount === 1;
}
