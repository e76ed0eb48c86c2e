import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { canonicalJson, leafHashOf } from '../../events/canonicalEvent';
import type { JsonObject } from '../../events/types';

/*
 * Test-only tampering, as an attacker with superuser access would do it: the immutability
 * triggers are disabled for the duration, in one transaction.
 */

export async function tamper(admin: Pool, change: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await admin.connect();
  try {
    await client.query('BEGIN');
    for (const table of ['ledger_events', 'ledger_log', 'ledger_tree_heads']) {
      await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    }
    await change(client);
    for (const table of ['ledger_events', 'ledger_log', 'ledger_tree_heads']) {
      await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export async function positionOf(db: Pool | PoolClient, orgId: string, orgSeq: number): Promise<string> {
  const { rows } = await db.query<{ position: string }>(
    'SELECT position FROM ledger_log WHERE org_id = $1 AND org_seq = $2',
    [orgId, orgSeq],
  );
  return rows[0].position;
}

/** Rewrites the typed actor column of the event at `orgSeq`, leaving its canonical text and hash alone. */
export async function overwriteActor(client: PoolClient, orgId: string, orgSeq: number, actor: string): Promise<void> {
  await client.query('UPDATE ledger_events SET actor = $2 WHERE position = $1', [
    await positionOf(client, orgId, orgSeq),
    actor,
  ]);
}

/** Edits the stored canonical text of the event at `orgSeq` in place, leaving its stored hash alone. */
export async function replaceInCanonical(
  client: PoolClient,
  orgId: string,
  orgSeq: number,
  search: string,
  replacement: string,
): Promise<void> {
  await client.query('UPDATE ledger_events SET canonical = replace(canonical, $2, $3) WHERE position = $1', [
    await positionOf(client, orgId, orgSeq),
    search,
    replacement,
  ]);
}

/** Moves every row of the org at or above `from` by `delta` (two steps: org_seq is unique). */
export async function renumberFrom(client: PoolClient, orgId: string, from: number, delta: number): Promise<void> {
  await client.query('UPDATE ledger_log SET org_seq = -org_seq - 1 WHERE org_id = $1 AND org_seq >= $2', [orgId, from]);
  await client.query('UPDATE ledger_log SET org_seq = -org_seq - 1 + $2 WHERE org_id = $1 AND org_seq < 0', [
    orgId,
    delta,
  ]);
}

/** Deletes the row at `orgSeq` from both tables. */
export async function deleteRow(client: PoolClient, orgId: string, orgSeq: number): Promise<void> {
  const position = await positionOf(client, orgId, orgSeq);
  await client.query('DELETE FROM ledger_log WHERE position = $1', [position]);
  await client.query('DELETE FROM ledger_events WHERE position = $1', [position]);
}

/**
 * Inserts a forged but self-consistent event at `orgSeq`: canonical text, leaf hash and typed
 * columns all agree, so only the Merkle tree and the signed heads can expose it.
 */
export async function insertForgedRow(client: PoolClient, orgId: string, orgSeq: number): Promise<void> {
  const eventId = randomUUID();
  const recordedAt = new Date().toISOString();
  const doc: JsonObject = {
    data: { forged: true },
    eventId,
    metadata: { actor: 'mallory' },
    orgId,
    personal: null,
    recordedAt,
    schemaVersion: 1,
    streamId: 'audit-forged',
    streamRevision: orgSeq,
    type: 'Checked',
    v: 1,
  };
  const canonical = canonicalJson(doc);
  const { rows } = await client.query<{ position: string }>(
    // An old transaction id, so the sequencer (whose cursor is past it) leaves the row alone.
    `INSERT INTO ledger_events (tx_id, org_id, stream_id, stream_revision, event_id, type, schema_version, actor,
                                recorded_at, canonical, leaf_hash, content_digest)
     VALUES ('1'::xid8, $1, 'audit-forged', $2, $3, 'Checked', 1, 'mallory', $4, $5, $6, '\\x00')
     RETURNING position`,
    [orgId, orgSeq, eventId, recordedAt, canonical, leafHashOf(canonical)],
  );
  await client.query(
    `INSERT INTO ledger_log (log_seq, org_id, org_seq, position)
     VALUES (1000000000 + $3::bigint, $1, $2, $3)`,
    [orgId, orgSeq, rows[0].position],
  );
}
