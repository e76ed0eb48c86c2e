/**
 * Fields that carry personal data wherever they appear in a log object (any depth). The rule
 * is documented in contracts/logging.md: log ids, never content.
 */
export const PERSONAL_FIELDS = [
  'personal',
  'name',
  'firstName',
  'lastName',
  'email',
  'from',
  'to',
  'cc',
  'subject',
  'body',
  'content',
  'text',
  'statement',
  'title',
  'address',
  'phone',
  'authorization',
  'token',
  'password',
  'secret',
] as const;

/** PostgreSQL puts row values in `detail` ("Key (email)=(…) already exists"), so it goes too. */
export const ERROR_FIELDS_WITH_DATA = ['detail', 'where', 'internalQuery'] as const;

export const REDACTED = '[redacted]';

export function redactionPaths(): string[] {
  const fields = [...PERSONAL_FIELDS, ...ERROR_FIELDS_WITH_DATA];
  // pino's redaction matches fixed depths; these cover a field at the top and up to three levels down.
  return fields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]);
}
