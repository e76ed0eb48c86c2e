import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { KeyProvider } from './keyProvider';

export interface StreamRef {
  orgId: string;
  streamId: string;
}

const keyOf = (orgId: string, streamId: string) => `${orgId}\u0000${streamId}`;

/** A row of `ledger_stream_keys` as selected (alone, or joined to the events it opens). */
export interface StoredStreamKey {
  org_id: string;
  stream_id: string;
  master_key_id: string;
  wrapped_key: Buffer | null;
}

/** Per-stream data keys, wrapped by the key provider's master key. */
export class StreamKeys {
  constructor(
    private readonly pool: Pool,
    private readonly provider: KeyProvider,
  ) {}

  /**
   * The stream's data key, created on first use; null when the stream was shredded. Racing
   * creators agree on one key because the insert does nothing on conflict and both re-read.
   */
  async dataKeyForAppend(orgId: string, streamId: string): Promise<Buffer | null> {
    const existing = await this.load([{ orgId, streamId }]);
    const found = existing.get(keyOf(orgId, streamId));
    if (found !== undefined) return found;
    const { keyId, wrapped } = await this.provider.wrap(randomBytes(32));
    await this.pool.query(
      `INSERT INTO ledger_stream_keys (org_id, stream_id, master_key_id, wrapped_key)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [orgId, streamId, keyId, wrapped],
    );
    return (await this.load([{ orgId, streamId }])).get(keyOf(orgId, streamId)) ?? null;
  }

  /** Unwrapped keys by stream; a shredded stream maps to null, a stream without a key is absent. */
  async load(streams: readonly StreamRef[]): Promise<Map<string, Buffer | null>> {
    const keys = new Map<string, Buffer | null>();
    if (streams.length === 0) return keys;
    const { rows } = await this.pool.query<StoredStreamKey>(
      `SELECT k.org_id, k.stream_id, k.master_key_id, k.wrapped_key
         FROM ledger_stream_keys k
         JOIN unnest($1::text[], $2::text[]) AS s(org_id, stream_id) USING (org_id, stream_id)`,
      [streams.map((s) => s.orgId), streams.map((s) => s.streamId)],
    );
    return this.unwrap(rows);
  }

  /** Unwraps keys the caller selected itself (joined to its events, saving a round trip). */
  async unwrap(rows: readonly StoredStreamKey[]): Promise<Map<string, Buffer | null>> {
    const keys = new Map<string, Buffer | null>();
    for (const row of rows) {
      const id = keyOf(row.org_id, row.stream_id);
      if (keys.has(id)) continue;
      keys.set(id, row.wrapped_key === null ? null : await this.provider.unwrap(row.master_key_id, row.wrapped_key));
    }
    return keys;
  }

  /**
   * Destroys the stream's data key: its personal data becomes unreadable for good while the
   * stored ciphertext, leaf hashes and proofs are unchanged. Returns false when the stream was
   * already shredded.
   */
  async shred(orgId: string, streamId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ledger_stream_keys SET wrapped_key = NULL, shredded_at = now()
        WHERE org_id = $1 AND stream_id = $2 AND wrapped_key IS NOT NULL`,
      [orgId, streamId],
    );
    if (rowCount === 0) {
      // A stream that never held personal data is marked shredded so later appends cannot add any.
      const inserted = await this.pool.query(
        `INSERT INTO ledger_stream_keys (org_id, stream_id, master_key_id, wrapped_key, shredded_at)
         VALUES ($1, $2, $3, NULL, now()) ON CONFLICT DO NOTHING`,
        [orgId, streamId, this.provider.activeKeyId],
      );
      return (inserted.rowCount ?? 0) > 0;
    }
    return true;
  }
}

export { keyOf as streamKeyOf };
