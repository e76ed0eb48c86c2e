import { createHash } from 'node:crypto';
import { canonicalJson } from '@ledger/ledger';

/**
 * C-03: one document per (org, providerAccountId, "gmail", messageId), forever. The id is
 * derived from that key (a name-based UUID, version 8 layout), so the same message always
 * lands in the same document stream, tombstoned or not, with no lookup table to race on.
 */
export function documentIdFor(orgId: string, providerAccountId: string, messageId: string): string {
  return nameBasedUuid({ org: orgId, providerAccountId, provider: 'gmail', messageId });
}

/**
 * The id of the event pinning a span, derived from (org, spanId). The ledger holds an event id
 * once, so a client-chosen span id can pin one span in the org and no other, whichever document
 * stream the second attempt names; a retry of the same pin is the same event.
 */
export function spanPinnedEventId(orgId: string, spanId: string): string {
  return nameBasedUuid({ org: orgId, spanPinned: spanId });
}

function nameBasedUuid(name: Record<string, string>): string {
  const digest = createHash('sha256').update(canonicalJson(name)).digest();
  digest[6] = (digest[6] & 0x0f) | 0x80;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function documentStreamId(documentId: string): string {
  return `evidence-${documentId}`;
}

/** A version's id: its document and its 1-based number, stable and readable. */
export function documentVersionId(documentId: string, version: number): string {
  return `${documentId}:v${version}`;
}
