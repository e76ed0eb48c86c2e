import { DEFAULT_COMPLIANCE_PHRASES, findPhrases, WITHHELD, withhold } from './compliancePhrases';

describe('compliance-sensitive phrases', () => {
  it('finds every occurrence, in any case and across line breaks, with UTF-16 offsets into the text', () => {
    const text = '🙂 Guaranteed\nReturns! and guaranteed returns.';
    const matches = findPhrases(text, DEFAULT_COMPLIANCE_PHRASES);
    expect(matches.map((m) => text.slice(m.startChar, m.endChar))).toEqual([
      'Guaranteed\nReturns',
      'guaranteed returns',
    ]);
    expect(matches.map((m) => m.ruleId)).toEqual(['performance-guarantee', 'performance-guarantee']);
    expect(matches[0].startChar).toBe(3);
  });

  it('does not match inside a longer word, and matches a configured list only', () => {
    expect(findPhrases('no riskier than bonds', DEFAULT_COMPLIANCE_PHRASES)).toEqual([]);
    expect(findPhrases('a sure thing', [{ ruleId: 'r-1', phrase: 'sure thing' }])).toEqual([
      { ruleId: 'r-1', startChar: 2, endChar: 12 },
    ]);
    expect(findPhrases('a sure thing', DEFAULT_COMPLIANCE_PHRASES)).toEqual([]);
  });

  it('treats the phrase as text, not as a pattern', () => {
    expect(findPhrases('costs (a+b)', [{ ruleId: 'r', phrase: '(a+b)' }])).toHaveLength(1);
    expect(findPhrases('costs aab', [{ ruleId: 'r', phrase: 'a+b' }])).toEqual([]);
  });

  it('withholds a phrase from names and labels', () => {
    expect(withhold('Risk-Free Fund LLC', DEFAULT_COMPLIANCE_PHRASES)).toBe(`${WITHHELD} Fund LLC`);
  });
});
