import { createHash } from 'node:crypto';
import { invalidField } from '../evidenceError';

/** Where a page of Evidence.List ended, bound to the filter it was made for. */
export interface EvidenceCursor {
  filterKind: string;
  filterId: string;
  orgSeq: number;
  ordinal: number;
}

/** A short tag of the filter: a cursor is only valid for the query that produced it. */
function filterTag(filterKind: string, filterId: string): string {
  return createHash('sha256').update(`${filterKind}\n${filterId}`).digest('base64url').slice(0, 16);
}

/** Opaque to clients (base64url JSON of the filter tag and the last position); well under 100 characters. */
export function encodeCursor(cursor: EvidenceCursor): string {
  const { filterKind, filterId, orgSeq: s, ordinal: o } = cursor;
  return Buffer.from(JSON.stringify({ v: 1, f: filterTag(filterKind, filterId), s, o })).toString('base64url');
}

function bad(rule: string): never {
  throw invalidField('cursor', rule, 'EVIDENCE.INVALID_CURSOR');
}

export function decodeCursor(value: string, filterKind: string, filterId: string): EvidenceCursor {
  if (value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) bad('must be a cursor returned by this query');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    bad('must be a cursor returned by this query');
  }
  const c = parsed as Record<string, unknown> | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    c.v !== 1 ||
    typeof c.f !== 'string' ||
    !Number.isSafeInteger(c.s) ||
    !Number.isSafeInteger(c.o)
  ) {
    bad('must be a cursor returned by this query');
  }
  if (c.f !== filterTag(filterKind, filterId)) bad('must come from a page of the same filter');
  return { filterKind, filterId, orgSeq: c.s as number, ordinal: c.o as number };
}
