import type { Citation } from '../citations/citation';
import { bulletIdFor, createBullet, type BulletDraft } from './bullet';

const span = { spanId: null, documentId: 'doc-a', documentVersionId: 'doc-a:v1', startChar: 0, endChar: 5 };
const cited: Citation = { kind: 'span', span };

describe('a bullet', () => {
  it('is numbered, given a stable id, and keeps its citations', () => {
    const bullet = createBullet('brief-1', 3, { section: 'summary', text: 'A line.', citations: [cited] });
    expect(bullet).toEqual({
      bulletId: 'brief-1:b3',
      bulletIndex: 3,
      section: 'summary',
      text: 'A line.',
      citations: [cited],
    });
    expect(bulletIdFor('brief-1', 3)).toBe('brief-1:b3');
  });

  it('cannot be written without a citation: the compiler refuses it', () => {
    // @ts-expect-error a bullet must cite at least one claim, mention or span
    const uncited: BulletDraft = { section: 'summary', text: 'Uncited.', citations: [] };
    // A claim citation with no span is refused by the type as well.
    // @ts-expect-error a claim citation must resolve to at least one span
    const hollow: Citation = { kind: 'claim', claimId: 'c-1', claimRevision: 0, spans: [] };
    expect([uncited, hollow]).toHaveLength(2);
  });

  it('cannot be made without a citation at run time either', () => {
    const uncited = { section: 'summary', text: 'Uncited.', citations: [] } as unknown as BulletDraft;
    expect(() => createBullet('brief-1', 0, uncited)).toThrow(
      expect.objectContaining({
        code: 'MEETING_PREP.CITATION_REQUIRED',
        details: expect.objectContaining({ field: 'bullets[0].citations' }),
      }),
    );
    const hollow = { kind: 'claim', claimId: 'c-1', claimRevision: 0, spans: [] } as unknown as Citation;
    expect(() => createBullet('brief-1', 0, { section: 'summary', text: 'x', citations: [hollow] })).toThrow(
      expect.objectContaining({
        code: 'MEETING_PREP.CITATION_REQUIRED',
        details: expect.objectContaining({ field: 'bullets[0].citations[0].spans' }),
      }),
    );
  });

  it.each([
    ['an empty span', { ...span, endChar: 0 }, 'bullets[0].citations[0].span.endChar'],
    ['a negative offset', { ...span, startChar: -1 }, 'bullets[0].citations[0].span.startChar'],
    ['no version', { ...span, documentVersionId: '' }, 'bullets[0].citations[0].span.documentVersionId'],
  ])('refuses a citation with %s', (_name, bad, field) => {
    expect(() =>
      createBullet('brief-1', 0, { section: 'summary', text: 'x', citations: [{ kind: 'span', span: bad }] }),
    ).toThrow(
      expect.objectContaining({ code: 'MEETING_PREP.INVALID_CITATION', details: { field, rule: expect.any(String) } }),
    );
  });

  it('refuses blank text and an unknown section', () => {
    expect(() => createBullet('b', 0, { section: 'summary', text: ' ', citations: [cited] })).toThrow(
      expect.objectContaining({
        code: 'MEETING_PREP.INVALID_FIELD',
        details: expect.objectContaining({ field: 'bullets[0].text' }),
      }),
    );
    const odd = { section: 'advice', text: 'x', citations: [cited] } as unknown as BulletDraft;
    expect(() => createBullet('b', 0, odd)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'bullets[0].section' }) }),
    );
  });
});
