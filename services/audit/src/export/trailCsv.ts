import { canonicalJson, streamCategory, type SequencedEvent } from '@ledger/ledger';

/**
 * The columns of `events.csv`, in order. Stable: documented in contracts/audit-export.md; a new
 * column is only ever added at the end.
 */
export const CSV_COLUMNS = [
  'org_seq',
  'recorded_at',
  'event_id',
  'stream_id',
  'category',
  'stream_revision',
  'type',
  'schema_version',
  'actor',
  'correlation_id',
  'causation_id',
  'leaf_hash',
  'personal_state',
  'data',
  'personal',
] as const;

/*
 * Spreadsheets run a cell starting with one of these as a formula (CSV injection). Such cells
 * get a leading apostrophe; the JSONL beside the CSV keeps the exact values.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export const CSV_HEADER = csvRow(CSV_COLUMNS);

/** An event's row; `personal` is its decrypted personal part when the export may show it. */
export function eventCsvRow(event: SequencedEvent): string {
  const { metadata } = event;
  return csvRow([
    String(event.orgSeq),
    event.recordedAt,
    event.eventId,
    event.streamId,
    streamCategory(event.streamId),
    String(event.streamRevision),
    event.type,
    String(event.schemaVersion),
    metadata.actor,
    metadata.correlationId ?? '',
    metadata.causationId ?? '',
    event.leafHash,
    event.personalState,
    canonicalJson(event.data),
    event.personal === null ? '' : canonicalJson(event.personal),
  ]);
}
