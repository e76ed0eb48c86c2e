import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '@ledger/postgres';
import { lockOrgHoldsShared } from '../retention/complianceLock';
import { holdsCovering } from '../retention/coverage';
import type { ErasedStream } from './erasureCertificate';

/** What one erasure transaction did: the keys it destroyed, and the streams a hold kept. */
export interface DestroyedKeys {
  readonly erased: ErasedStream[];
  /** Streams a hold in force covers, with the hold ids: left untouched. */
  readonly held: ReadonlyMap<string, string[]>;
}

/**
 * Destroys the data keys of an org's streams in one transaction, so an erasure never stops
 * half-way, and names each destroyed key by the hash of its wrapped form, read in the statement
 * that clears it. Like every shred, it takes the org's holds lock shared and re-reads the holds
 * in force first (docs/compliance.md, "Race-freedom"): a held stream is left as it is. A stream
 * without a key gets a shredded marker, so nothing personal can be appended to it afterwards; it
 * and a stream erased before report a null key id.
 */
export async function destroyStreamKeys(
  pool: Pool,
  orgId: string,
  masterKeyId: string,
  streamIds: readonly string[],
): Promise<DestroyedKeys> {
  const unique = [...new Set(streamIds)].sort();
  return inTransaction(pool, async (client) => {
    await lockOrgHoldsShared(client, orgId);
    const held = await holdsCovering(client, orgId, unique, 'in-force');
    const free = unique.filter((streamId) => !held.has(streamId));
    if (free.length === 0) return { erased: [], held };
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
      [orgId, free],
    );
    await client.query(
      `INSERT INTO ledger_stream_keys (org_id, stream_id, master_key_id, wrapped_key, shredded_at)
       SELECT $1, s, $3, NULL, now() FROM unnest($2::text[]) AS s
       ON CONFLICT DO NOTHING`,
      [orgId, free, masterKeyId],
    );
    const destroyed = new Map(rows.map((row) => [row.stream_id, sha256Hex(row.wrapped_key)]));
    return { erased: free.map((streamId) => ({ streamId, dataKeyId: destroyed.get(streamId) ?? null })), held };
  });
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
