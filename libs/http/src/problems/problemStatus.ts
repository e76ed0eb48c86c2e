/**
 * The one place an error code becomes an HTTP status. Codes are `NAMESPACE.NAME`; a few are
 * listed, the rest follow their name, so a service names its codes for what they mean and
 * needs no entry here. An unknown code is an internal error.
 */
const EXPLICIT: Readonly<Record<string, number>> = {
  'REQUEST.MALFORMED': 400,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'REQUEST.HEADERS_TOO_LARGE': 431,
  'REQUEST.URI_TOO_LONG': 414,
  'REQUEST.TIMEOUT': 408,
  'ROUTE.NOT_FOUND': 404,
  'ROUTE.METHOD_NOT_ALLOWED': 405,
  'LEDGER.STREAM_ERASED': 409,
  'LEDGER.TREE_HEAD_REFUSED': 503,
  'PROJECTIONS.UNKNOWN_PROJECTION': 404,
  'PROJECTIONS.REBUILD_IN_PROGRESS': 409,
  'PROJECTIONS.NOT_FAILED': 409,
  'PROJECTIONS.SEQ_MISMATCH': 409,
  'PROJECTIONS.REASON_REQUIRED': 422,
  'RETENTION.BELOW_FLOOR': 422,
  'TENANCY.UNAUTHENTICATED': 401,
  'TENANCY.FORBIDDEN': 403,
  'TENANCY.KEY_SET_UNAVAILABLE': 503,
};

const BY_NAME: ReadonlyArray<[RegExp, number]> = [
  [/NOT_FOUND$/, 404],
  [/(EXISTS|CONFLICT|NOT_CURRENT|INACTIVE|TOMBSTONED)$|^ALREADY_/, 409],
  [/ERASED$|GONE$/, 410],
  [/TOO_LARGE$/, 413],
  [/FORBIDDEN/, 403],
  [/^INVALID_|_REQUIRED$|^UNKNOWN_|^STALE_|^DUPLICATE_/, 422],
];

export function statusForCode(code: string): number {
  const explicit = EXPLICIT[code];
  if (explicit !== undefined) return explicit;
  const name = code.slice(code.indexOf('.') + 1);
  for (const [pattern, status] of BY_NAME) if (pattern.test(name)) return status;
  return 500;
}

export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Malformed request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Validation failed',
  431: 'Request header fields too large',
  500: 'Internal error',
  503: 'Service unavailable',
};
