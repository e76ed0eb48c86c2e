import { findUnsafeText, isSafeText } from './textSafety';

describe('safe text', () => {
  it.each([
    ['plain', 'Annual review', true],
    ['a surrogate pair (an emoji)', 'ok \ud83d\ude00', true],
    ['NUL', 'm1\u0000x', false],
    ['a lone high surrogate at the end', 'half \ud800', false],
    ['a lone low surrogate', '\udc00 first', false],
    ['two high surrogates', '\ud800\ud800\udc00', false],
  ])('%s: safe is %s', (_name, value, safe) => {
    expect(isSafeText(value)).toBe(safe);
  });

  it('names the first unsafe string by its dotted path, keys included', () => {
    expect(findUnsafeText({ a: 'x', to: ['ok', 'b\u0000'] })).toBe('to.1');
    expect(findUnsafeText({ object: { value: '\ud800' } }, 'replacement')).toBe('replacement.object.value');
    expect(findUnsafeText({ ['k\u0000']: 1 })).toBe('k?');
    expect(findUnsafeText('\u0000', 'threadId')).toBe('threadId');
    expect(findUnsafeText('\u0000')).toBe('(body)');
    expect(findUnsafeText({ a: 1, b: [true, null, { c: 'fine' }] })).toBeNull();
  });

  it('walks a deeply nested value without exhausting the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).toMatch(/^0(\.0)*$/);
  });
});
