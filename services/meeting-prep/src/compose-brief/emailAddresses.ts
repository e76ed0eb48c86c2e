/**
 * The bare address of a header value: `Avery Quinn <avery@example.test>` → `avery@example.test`,
 * lower-cased. Threads overlap a client on addresses, never on display names.
 */
export function bareAddress(value: string): string {
  const angled = /<([^<>\s]+)>/.exec(value);
  return (angled ? angled[1] : value).trim().toLowerCase();
}

/** Distinct bare addresses of header values, sorted; blanks are left out. */
export function addressSet(values: readonly string[]): string[] {
  return [...new Set(values.map(bareAddress).filter((a) => a.length > 0))].sort();
}
