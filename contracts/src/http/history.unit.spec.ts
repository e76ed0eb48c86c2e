import { AsOfQuery, isRfc3339 } from './history';

describe('asOf: RFC 3339 date-times only', () => {
  it.each([
    '2026-11-25T15:00:00Z',
    '2026-11-25t15:00:00z',
    '2026-11-25T15:00:00.123Z',
    '2026-11-25T15:00:00.123456789+05:30',
    '2024-02-29T00:00:00-00:00',
  ])('accepts %s', (text) => {
    expect(isRfc3339(text)).toBe(true);
    expect(AsOfQuery.safeParse({ asOf: text }).success).toBe(true);
  });

  it.each([
    ['a date alone', '2026-11-25'],
    ['no offset', '2026-11-25T15:00:00'],
    ['a space for T', '2026-11-25 15:00:00Z'],
    ['a day February lacks', '2026-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2026-11-25T24:00:00Z'],
    ['an offset without colon', '2026-11-25T15:00:00+0100'],
    ['an offset of 24 hours', '2026-11-25T15:00:00+24:00'],
    ['words', 'yesterday'],
    ['epoch milliseconds', '1764082800000'],
  ])('refuses %s', (_name, text) => {
    expect(isRfc3339(text)).toBe(false);
    const parsed = AsOfQuery.safeParse({ asOf: text });
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'))).toEqual(['asOf']);
  });

  it('refuses unknown query fields beside it', () => {
    expect(AsOfQuery.safeParse({ asOf: '2026-11-25T15:00:00Z', at: 'x' }).success).toBe(false);
  });
});
