/**
 * Text that can reach the ledger or a read model. PostgreSQL refuses NUL in text and jsonb
 * (error 22021), and a lone UTF-16 surrogate has no UTF-8 form: it would be stored as U+FFFD,
 * so what was hashed is not what is read back. Either one, accepted once, stops every projection
 * of the org at that event; so both are refused at the edge, in every body, path and query value.
 */
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const UNSAFE_TEXT_ALL = new RegExp(UNSAFE_TEXT.source, 'g');

export const UNSAFE_TEXT_RULE = 'must not contain NUL or an unpaired UTF-16 surrogate';

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/**
 * The path of the first string (value or object key) in a parsed JSON value, path or query that
 * is not safe text; null when there is none. Paths are dotted (`to.0`), `root` prefixes them.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findUnsafeText(value: unknown, root = ''): string | null {
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (!isSafeText(item)) return path || '(body)';
    } else if (typeof item === 'object' && item !== null) {
      const entries = Array.isArray(item)
        ? item.map((v, i): [string, unknown] => [String(i), v])
        : Object.entries(item);
      for (const [key] of entries) if (!isSafeText(key)) return join(path, key.replace(UNSAFE_TEXT_ALL, '?'));
      // Reversed onto the stack, so fields are reported in document order.
      for (let i = entries.length - 1; i >= 0; i--) pending.push([entries[i][1], join(path, entries[i][0])]);
    }
  }
  return null;
}
