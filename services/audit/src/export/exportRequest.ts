import { auditError } from '../auditError';
import { CATEGORY_PATTERN, MAX_REASON_LENGTH, checkActor, checkList, checkPattern, parseTime } from '../validation';

/** What a compliance officer asks to export. */
export interface ExportRequest {
  /** ISO 8601, inclusive. */
  from: string;
  /** ISO 8601, exclusive. */
  to: string;
  /** Stream categories (`claim`, `evidence`, …); none or empty for every category. */
  categories?: readonly string[];
  /** Actor ids; none or empty for every actor. */
  actors?: readonly string[];
  /** Why the export is made; recorded in the ledger with it. An id or short note, never personal data. */
  reason: string;
}

export interface ExportSelection {
  from: Date;
  to: Date;
  categories: readonly string[];
  actors: readonly string[];
  reason: string;
}

export function parseExportRequest(request: ExportRequest): ExportSelection {
  const from = parseTime('from', request.from);
  const to = parseTime('to', request.to);
  if (from >= to) throw auditError('AUDIT.INVALID_RANGE', 'to', 'must be later than from');
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (reason.length === 0) throw auditError('AUDIT.REASON_REQUIRED', 'reason', 'is required: why this export is made');
  if (reason.length > MAX_REASON_LENGTH) {
    throw auditError('AUDIT.INVALID_FIELD', 'reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  }
  return {
    from,
    to,
    categories: checkList('categories', request.categories ?? [], (field, value) =>
      checkPattern(field, value, CATEGORY_PATTERN),
    ),
    actors: checkList('actors', request.actors ?? [], checkActor),
    reason,
  };
}

/** Whether an event belongs to the selection (the time range is already applied to the range). */
export function selects(
  selection: ExportSelection,
  event: { recordedAt: string; category: string; actor: string },
): boolean {
  const at = Date.parse(event.recordedAt);
  return (
    at >= selection.from.getTime() &&
    at < selection.to.getTime() &&
    (selection.categories.length === 0 || selection.categories.includes(event.category)) &&
    (selection.actors.length === 0 || selection.actors.includes(event.actor))
  );
}
