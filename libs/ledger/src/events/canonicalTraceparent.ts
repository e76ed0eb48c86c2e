import { CANONICAL_FORMAT_VERSION } from './canonicalEvent';

const FORMAT_END = `,"v":${CANONICAL_FORMAT_VERSION}}`;
const METADATA_KEY = ',"metadata":{';
const ORG_ID_KEY = ',"orgId":';
const TRACEPARENT_KEY = ',"traceparent":"';

function parsed(canonical: string): string | null {
  return (JSON.parse(canonical) as { metadata?: { traceparent?: string } }).metadata?.traceparent ?? null;
}

/*
 * Read without parsing the whole text, which a publisher does for every event it forwards. In a
 * text that canonicalEvent wrote, a quote inside a string value is always escaped, so a key
 * pattern such as `,"orgId":` only ever matches a real key. Everything after `metadata` has a
 * fixed shape with no nested `orgId` (orgId, the sealed personal part, recordedAt, …, v), so the
 * last `,"orgId":` is the top-level key that follows metadata, and the last `,"metadata":{`
 * before it opens metadata (`data` comes before it and may hold keys of any name). Metadata's
 * keys are sorted, so traceparent, when present, is its last member, and its value (a validated
 * W3C traceparent) needs no unescaping. Anything else is read the slow way.
 */
export function canonicalTraceparent(canonical: string): string | null {
  if (!canonical.endsWith(FORMAT_END)) return parsed(canonical);
  const metadataEnd = canonical.lastIndexOf(ORG_ID_KEY);
  const metadataStart = metadataEnd > 0 ? canonical.lastIndexOf(METADATA_KEY, metadataEnd) : -1;
  if (metadataStart < 0 || canonical.charCodeAt(metadataEnd - 1) !== 0x7d /* } */) return parsed(canonical);
  const key = canonical.lastIndexOf(TRACEPARENT_KEY, metadataEnd);
  if (key < metadataStart) return null;
  const value = canonical.slice(key + TRACEPARENT_KEY.length, metadataEnd - 2);
  if (canonical.charCodeAt(metadataEnd - 2) !== 0x22 /* " */ || value.includes('"') || value.includes('\\')) {
    return parsed(canonical);
  }
  return value;
}
