import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { ErasedStream } from './erasureCertificate';

/**
 * Destroys the data keys of an org's streams in one transaction, so an erasure never stops
 * half-way, and names each destroyed key by the hash of its wrapped form, read in the same
 * statement that clears it. A stream without a key gets a shredded marker, so nothing personal
 * can be appended to it afterwards; it and a stream erased before report a null key id.
 */
export async function destroyStreamKeys(
  pool: Pool,
  orgId: string,
  masterKeyId: string,
  streamIds: readonly string[],
): Promise<ErasedStream[]> {
  const unique = [...new Set(streamIds)].sort();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ stream_id: string; wrapped_key: Buffer }>(
      `WITH target AS (
         SELECT org_id, stream_id, wrapped_key FROM ledger_stream_keys
          WHERE org_id = $1 AND stream_id = ANY($2::text[]) AND wrapped_key IS NOT NULL
          FOR UPDATE),
       cleared AS (
         UPDATE ledger_stream_keys k SET wrapped_key = NULL, shredded_at = now()
           FROM target t WHERE k.org_id = t.org_id AND k.stream_id = t.stream_id
         RETURNING k.stream_id)
       SELECT t.stream_id, t.wrapped_key FROM target t JOIN cleared c USING (stream_id)`,
      [orgId, unique],
    );
    await client.query(
      `INSERT INTO ledger_stream_keys (org_id, stream_id, master_key_id, wrapped_key, shredded_at)
       SELECT $1, s, $3, NULL, now() FROM unnest($2::text[]) AS s
       ON CONFLICT DO NOTHING`,
      [orgId, unique, masterKeyId],
    );
    await client.query('COMMIT');
    const destroyed = new Map(rows.map((row) => [row.stream_id, sha256Hex(row.wrapped_key)]));
    return unique.map((streamId) => ({ streamId, dataKeyId: destroyed.get(streamId) ?? null }));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
