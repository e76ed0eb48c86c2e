import type { JsonValue } from '@ledger/ledger';
import { spanField, spanListField } from './eventFields';

const span = { spanId: 's-1', documentId: 'd-1', documentVersionId: 'v-1', startChar: 0, endChar: 5 };

describe("span fields of other services' events", () => {
  it('reads a well-formed span reference, ignoring other fields', () => {
    expect(spanField({ ...span, note: 'x' })).toEqual(span);
  });

  it.each<[string, JsonValue | undefined]>([
    ['an absent value', undefined],
    ['a list', [span]],
    ['no spanId', { ...span, spanId: null }],
    ['an empty documentId', { ...span, documentId: '' }],
    ['a fractional offset', { ...span, startChar: 0.5 }],
    ['a negative start', { ...span, startChar: -1 }],
    ['an empty range', { ...span, startChar: 5, endChar: 5 }],
    ['an offset as text', { ...span, endChar: '5' }],
  ])('reads %s as absent', (_case, value) => {
    expect(spanField(value)).toBeNull();
  });

  it('keeps the well-formed spans of a list and drops the rest', () => {
    expect(spanListField([span, { ...span, endChar: -1 }, 'x', { ...span, spanId: 's-2' }])).toEqual([
      span,
      { ...span, spanId: 's-2' },
    ]);
    expect(spanListField({ spans: [span] })).toEqual([]);
  });
});
