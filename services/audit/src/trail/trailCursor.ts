import { auditError } from '../auditError';

/*
 * The cursor is opaque to clients: base64url of `t1:<last org_seq>`. It carries no org, so a
 * cursor replayed against another org only pages that org's own rows.
 */
const PREFIX = 't1:';

export function encodeTrailCursor(lastOrgSeq: number): string {
  return Buffer.from(`${PREFIX}${lastOrgSeq}`, 'utf8').toString('base64url');
}

/** The last org_seq the previous page returned; the next page starts after it. */
export function decodeTrailCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^t1:(0|[1-9]\d{0,15})$/.exec(text);
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq))
    throw auditError('AUDIT.INVALID_CURSOR', 'cursor', 'must be a cursor this API returned');
  return seq;
}
