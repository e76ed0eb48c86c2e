import type { Pool, PoolClient } from 'pg';
import { inSpan } from '@ledger/observability';
import {
  EventIdConflictError,
  LedgerValidationError,
  StreamErasedError,
  VersionConflictError,
} from '../errors/ledgerError';
import type { StreamKeys } from '../crypto/streamKeys';
import { streamKeyOf } from '../crypto/streamKeys';
import { validateAppend } from '../events/validateAppend';
import type { AppendRequest, AppendResult } from '../events/types';
import { BoundedCache } from './boundedCache';
import { matchStored } from './idempotentRetry';
import { insertEvents } from './insertEvents';
import { SharedInserts } from './sharedInserts';
import { buildRows, prepareEvents, type PreparedEvent } from './preparedEvent';
import { findStoredByEventIds, isStreamShredded, readStreamHead } from './storedEvents';
import { LedgerMetrics } from '../telemetry/ledgerMetrics';

type Queryable = Pool | PoolClient;

const UNIQUE_VIOLATION = '23505';
/**
 * `any` and `stream_exists` retry a lost race with a fresh head; under heavy contention on one
 * stream each round lets one writer through, so the bound is generous and rounds are jittered.
 */
const MAX_ATTEMPTS = 100;
const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));

/**
 * Sequencing orders events by transaction id. A transaction that got its id from an earlier
 * write could append after a younger transaction committed to the same stream, and be
 * sequenced before it; appending only as the first write rules that out.
 */
async function assertFirstWrite(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ fresh: boolean }>('SELECT pg_current_xact_id_if_assigned() IS NULL AS fresh');
  if (!rows[0].fresh) {
    throw new LedgerValidationError('client', "an append inside a transaction must be the transaction's first write");
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === UNIQUE_VIOLATION;
}

/**
 * Appends with optimistic concurrency. The last revision of recently written streams is
 * remembered so that `any` and `stream_exists` usually cost one statement; a stale guess is
 * harmless because the database guard refuses it and the head is re-read.
 */
export class Appender {
  private readonly heads = new BoundedCache<number>(50_000);
  private readonly dataKeys = new BoundedCache<Buffer>(10_000);
  private readonly shared: SharedInserts;
  private readonly metrics = new LedgerMetrics();

  constructor(
    private readonly pool: Pool,
    private readonly keys: StreamKeys,
    private readonly onAppended: () => void,
  ) {
    this.shared = new SharedInserts(pool);
  }

  /**
   * With `client`, the append joins the caller's open transaction (and commits or rolls back
   * with it); otherwise it is one autocommit statement, which it may share with other streams'
   * appends made at the same time (SharedInserts).
   */
  async append(request: AppendRequest, client?: PoolClient): Promise<AppendResult> {
    const started = performance.now();
    const attributes = { 'ledger.events': request.events.length, 'ledger.in_transaction': client !== undefined };
    return inSpan('@ledger/ledger', 'ledger.append', attributes, async () => {
      try {
        const result = await this.appendUnobserved(request, client);
        this.metrics.appended((performance.now() - started) / 1000);
        return result;
      } catch (error) {
        this.metrics.appended((performance.now() - started) / 1000, error);
        throw error;
      }
    });
  }

  private async appendUnobserved(request: AppendRequest, client?: PoolClient): Promise<AppendResult> {
    validateAppend(request);
    if (client) await assertFirstWrite(client);
    const db = client ?? this.pool;
    const streamKey = streamKeyOf(request.orgId, request.streamId);
    const hasPersonal = request.events.some((event) => event.personal !== undefined);
    const dataKey = hasPersonal ? await this.dataKey(request) : null;
    const prepared = prepareEvents(request, dataKey);
    const recordedAt = new Date().toISOString();

    for (let attempt = 1; ; attempt++) {
      const previous = await this.previousRevision(db, request, streamKey);
      const rows = buildRows(request, prepared, previous, recordedAt);
      let positions: number[] | null = null;
      let transactionAborted = false;
      try {
        positions = client
          ? await insertEvents(client, request, rows, previous, recordedAt, hasPersonal)
          : await this.shared.insert({
              orgId: request.orgId,
              streamId: request.streamId,
              rows,
              previousRevision: previous,
              recordedAt,
              needsLiveKey: hasPersonal,
            });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        transactionAborted = client !== undefined;
      }
      if (positions !== null) {
        this.heads.set(streamKey, previous + rows.length);
        this.onAppended();
        return {
          positions,
          eventIds: prepared.map((e) => e.eventId),
          lastRevision: previous + rows.length,
          alreadyStored: false,
        };
      }
      const stored = await this.diagnoseRefusal(request, prepared, transactionAborted, attempt);
      if (stored) return stored;
      if (attempt > 1) await jitter(attempt);
    }
  }

  /**
   * Explains a refused insert: the stored result of an idempotent retry, null to retry with a
   * fresh head, or a thrown conflict. Diagnosis reads
   * through the pool: a caller's transaction may be aborted, and only committed events count.
   */
  private async diagnoseRefusal(
    request: AppendRequest,
    prepared: PreparedEvent[],
    transactionAborted: boolean,
    attempt: number,
  ): Promise<AppendResult | null> {
    const stored = await this.alreadyStored(this.pool, prepared);
    if (stored && !transactionAborted) return stored;
    if (stored) throw new EventIdConflictError(stored.eventIds);
    const streamKey = streamKeyOf(request.orgId, request.streamId);
    const hasPersonal = prepared.some((event) => event.personal !== null);
    if (hasPersonal && (await isStreamShredded(this.pool, request.orgId, request.streamId))) {
      this.dataKeys.delete(streamKey);
      throw new StreamErasedError(request.streamId);
    }
    const actual = await readStreamHead(this.pool, request.orgId, request.streamId);
    this.heads.set(streamKey, actual);
    const expected = request.expectedRevision;
    const retryable = expected === 'any' || (expected === 'stream_exists' && actual >= 0);
    if (!retryable || transactionAborted || attempt >= MAX_ATTEMPTS) {
      throw new VersionConflictError(request.streamId, expected, actual);
    }
    return null;
  }

  private async previousRevision(db: Queryable, request: AppendRequest, streamKey: string): Promise<number> {
    const expected = request.expectedRevision;
    if (typeof expected === 'number') return expected;
    if (expected === 'no_stream') return -1;
    const head = this.heads.get(streamKey) ?? (await readStreamHead(db, request.orgId, request.streamId));
    if (expected === 'stream_exists' && head < 0) throw new VersionConflictError(request.streamId, expected, head);
    return head;
  }

  private async dataKey(request: AppendRequest): Promise<Buffer> {
    const streamKey = streamKeyOf(request.orgId, request.streamId);
    const cached = this.dataKeys.get(streamKey);
    if (cached) return cached;
    const key = await this.keys.dataKeyForAppend(request.orgId, request.streamId);
    if (key === null) throw new StreamErasedError(request.streamId);
    this.dataKeys.set(streamKey, key);
    return key;
  }

  private async alreadyStored(db: Queryable, prepared: PreparedEvent[]): Promise<AppendResult | null> {
    const stored = await findStoredByEventIds(
      db,
      prepared.map((e) => e.eventId),
    );
    return matchStored(prepared, stored);
  }
}
