import { leafHashOf } from '../events/canonicalEvent';
import type { OrgRow } from './orgRows';

interface CanonicalFields {
  orgId?: unknown;
  streamId?: unknown;
  streamRevision?: unknown;
  eventId?: unknown;
  type?: unknown;
  schemaVersion?: unknown;
  metadata?: { actor?: unknown };
  recordedAt?: unknown;
}

/** What is wrong with one row on its own, as reason codes; empty when nothing is. */
export function checkRow(row: OrgRow, leaf: Buffer): string[] {
  const problems: string[] = [];
  if (!leaf.equals(row.leaf_hash)) problems.push('leaf_hash_mismatch');
  let doc: CanonicalFields;
  try {
    doc = JSON.parse(row.canonical) as CanonicalFields;
  } catch {
    return [...problems, 'canonical_not_json'];
  }
  for (const [column, matches] of columnChecks(row, doc)) if (!matches) problems.push(`column_mismatch:${column}`);
  return problems;
}

/** Hashes the stored canonical text: the bytes that were hashed at append. */
export function recomputeLeaf(row: OrgRow): Buffer {
  return leafHashOf(row.canonical);
}

/** Each typed column against the canonical text it was written from. */
function columnChecks(row: OrgRow, doc: CanonicalFields): [string, boolean][] {
  const recordedMs = typeof doc.recordedAt === 'string' ? Date.parse(doc.recordedAt) : NaN;
  return [
    ['org_id', doc.orgId === row.org_id],
    ['stream_id', doc.streamId === row.stream_id],
    ['stream_revision', doc.streamRevision === Number(row.stream_revision)],
    // uuid columns come back in lower case whatever case the producer used.
    ['event_id', typeof doc.eventId === 'string' && doc.eventId.toLowerCase() === row.event_id],
    ['type', doc.type === row.type],
    ['schema_version', doc.schemaVersion === row.schema_version],
    ['actor', doc.metadata?.actor === row.actor],
    ['recorded_at', !Number.isNaN(recordedMs) && BigInt(recordedMs) * 1000n === BigInt(row.recorded_us)],
  ];
}
