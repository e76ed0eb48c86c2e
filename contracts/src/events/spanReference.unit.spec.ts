import { readSpanLocation, readSpanReference } from './spanReference';

const span = { spanId: 'span-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 3, endChar: 9 };

describe('readSpanReference', () => {
  it('reads the five fields of a well-formed span and ignores the others', () => {
    expect(readSpanReference({ ...span, text: 'ignored', extra: { nested: true } })).toEqual(span);
  });

  it.each([
    ['not an object', 'span-1'],
    ['null', null],
    ['an array', [span]],
    ['no spanId', { ...span, spanId: undefined }],
    ['an empty spanId', { ...span, spanId: '' }],
    ['a numeric documentId', { ...span, documentId: 7 }],
    ['no documentVersionId', { ...span, documentVersionId: undefined }],
    ['a fractional offset', { ...span, startChar: 1.5 }],
    ['an offset given as text', { ...span, endChar: '9' }],
    ['a negative start', { ...span, startChar: -1 }],
    ['an empty range', { ...span, endChar: 3 }],
    ['a reversed range', { ...span, startChar: 10 }],
  ])('reads %s as null', (_case, value) => {
    expect(readSpanReference(value)).toBeNull();
  });
});

describe('readSpanLocation', () => {
  it('reads a location without a span of its own with a null spanId', () => {
    const { spanId: _spanId, ...location } = span;
    expect(readSpanLocation(location)).toEqual({ ...location, spanId: null });
    expect(readSpanLocation({ ...location, spanId: 42 })).toEqual({ ...location, spanId: null });
  });

  it('refuses malformed offsets as the reference reader does', () => {
    expect(readSpanLocation({ ...span, startChar: 5, endChar: 5 })).toBeNull();
    expect(readSpanLocation(undefined)).toBeNull();
  });
});
