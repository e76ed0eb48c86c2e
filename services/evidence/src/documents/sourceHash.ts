import { createHash } from 'node:crypto';
import { canonicalJson } from '@ledger/ledger';

/** C-03: SHA-256 of the RFC 8785 JSON of {title, content}, and nothing else (no labels, no history id). */
export function sourceHash(title: string, content: string): string {
  return createHash('sha256').update(canonicalJson({ title, content })).digest('hex');
}
