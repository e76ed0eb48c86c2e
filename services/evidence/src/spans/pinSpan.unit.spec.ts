import { assertSpanPins, suggestRelocation } from './pinSpan';

const content = 'Avery 🙂 holds an IRA ending 4421.';

describe('span pinning (C-05)', () => {
  it('accepts offsets in UTF-16 code units whose text matches exactly', () => {
    const start = content.indexOf('IRA');
    expect(() => assertSpanPins(content, { startChar: start, endChar: start + 3, text: 'IRA' })).not.toThrow();
    // The emoji is two code units: offsets after it count both.
    expect(content.indexOf('holds')).toBe(9);
    expect(() => assertSpanPins(content, { startChar: 6, endChar: 8, text: '🙂' })).not.toThrow();
  });

  it.each([
    ['a negative start', { startChar: -1, endChar: 3, text: 'Ave' }, 'startChar'],
    ['an empty span', { startChar: 3, endChar: 3, text: '' }, 'endChar'],
    ['an end past the content', { startChar: 0, endChar: content.length + 1, text: content }, 'endChar'],
    ['text that differs', { startChar: 0, endChar: 5, text: 'avery' }, 'text'],
    ['half a surrogate pair', { startChar: 6, endChar: 7, text: '🙂' }, 'text'],
    ['fractional offsets', { startChar: 0.5, endChar: 3, text: 'Ave' }, 'startChar'],
  ])('refuses %s, naming the field', (_name, span, field) => {
    expect(() => assertSpanPins(content, span)).toThrow(
      expect.objectContaining({ code: 'EVIDENCE.INVALID_SPAN', details: expect.objectContaining({ field }) }),
    );
  });
});

describe('relocation suggestions', () => {
  it('suggests new offsets only where the text occurs exactly once', () => {
    const next = `Note: ${content}`;
    expect(suggestRelocation('IRA ending 4421', next)).toEqual({
      startChar: next.indexOf('IRA'),
      endChar: next.indexOf('IRA') + 15,
    });
    expect(suggestRelocation('a', 'a and a')).toBeNull();
    expect(suggestRelocation('missing', next)).toBeNull();
  });
});
