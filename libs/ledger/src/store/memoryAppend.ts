import { StreamErasedError, VersionConflictError } from '../errors/ledgerError';
import { validateAppend } from '../events/validateAppend';
import type { AppendRequest, AppendResult, ExpectedRevision } from '../events/types';
import { matchStored } from '../append/idempotentRetry';
import { buildRows, prepareEvents } from '../append/preparedEvent';
import type { MemoryKeys } from './memoryKeys';
import type { MemoryLog } from './memoryLog';

function revisionMatches(expected: ExpectedRevision, head: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return head === -1;
  if (expected === 'stream_exists') return head >= 0;
  return head === expected;
}

/**
 * The in-memory append, checked in the order the PostgreSQL appender meets the same cases:
 * validation, an erased stream, `stream_exists` on an empty stream, then an idempotent retry
 * (which wins over a stale expected revision, as it does there), then the expected revision.
 * It runs without awaiting, so concurrent calls cannot interleave: one append is one step.
 */
export function appendInMemory(log: MemoryLog, keys: MemoryKeys, request: AppendRequest): AppendResult {
  validateAppend(request);
  const { orgId, streamId, expectedRevision } = request;
  const hasPersonal = request.events.some((event) => event.personal !== undefined);
  const dataKey = hasPersonal ? keys.dataKeyForAppend(orgId, streamId) : null;
  if (hasPersonal && dataKey === null) throw new StreamErasedError(streamId);
  const prepared = prepareEvents(request, dataKey);
  const head = log.head(orgId, streamId);
  if (expectedRevision === 'stream_exists' && head < 0) {
    throw new VersionConflictError(streamId, expectedRevision, head);
  }
  const stored = prepared.flatMap((event) => log.byId(event.eventId) ?? []);
  const retried = matchStored(prepared, stored);
  if (retried) return retried;
  if (!revisionMatches(expectedRevision, head)) throw new VersionConflictError(streamId, expectedRevision, head);
  const recordedAt = new Date();
  const rows = buildRows(request, prepared, head, recordedAt.toISOString());
  const positions = log.store(orgId, streamId, rows, recordedAt);
  return {
    positions,
    eventIds: prepared.map((e) => e.eventId),
    lastRevision: head + rows.length,
    alreadyStored: false,
  };
}
