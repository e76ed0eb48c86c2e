import type { PinnedSpan } from '../citations/citation';

export type SortKey = string | number;

/**
 * Total, locale-free ordering: strings by UTF-16 code units (never localeCompare, whose result
 * depends on the host), then numbers. Same inputs, same order, on every machine.
 */
export function compareKeys(a: readonly SortKey[], b: readonly SortKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return a.length - b.length;
}

export function sortBy<T>(items: readonly T[], key: (item: T) => readonly SortKey[]): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((x, y) => compareKeys(x.key, y.key))
    .map(({ item }) => item);
}

export function spanKey(span: PinnedSpan): SortKey[] {
  return [span.documentId, span.documentVersionId, span.startChar, span.endChar, span.spanId ?? ''];
}
