import { createHash } from 'node:crypto';
import { canonicalJson } from '@ledger/ledger';
import { canonicalBrief, verifyBriefHash, type Brief } from '../brief/brief';
import { DISCLAIMER } from '../brief/disclaimer';
import { citedSpans } from '../citations/citation';
import { DEFAULT_COMPLIANCE_PHRASES, findPhrases } from '../compliance/compliancePhrases';
import { CLAIMS, CONTENT, REQUEST, spanOf } from '../testing/briefFixtures';
import { DEFAULT_BRIEF_OPTIONS, type BriefRequest } from './briefInput';
import { briefStreamId, composeBrief } from './composeBrief';

const brief = composeBrief(REQUEST);
const bullets = brief.sections.flatMap((s) => s.bullets);
const textsOf = (b: Brief, section: string) =>
  b.sections.find((s) => s.section === section)?.bullets.map((x) => x.text);

describe('composing a brief', () => {
  it('has the four sections in order, each bullet built from what it cites', () => {
    expect(brief.sections.map((s) => s.section)).toEqual([
      'summary',
      'recentCommunications',
      'openActionItems',
      'complianceNotes',
    ]);
    expect(textsOf(brief, 'summary')).toEqual([
      'Brief for Avery Quinn (Client).',
      'Avery Quinn: holds account IRA ending 4421.',
    ]);
    expect(textsOf(brief, 'recentCommunications')).toEqual([
      '2025-07-15, advisor@example.test: "Reminder: send the beneficiary form."',
      '2025-06-10, avery.q@example.test: excerpt withheld (see compliance notes).',
      '2025-06-01, avery@example.test: "Hi, we would like to review the IRA ending 4421 before our meeting."',
    ]);
    expect(textsOf(brief, 'openActionItems')).toEqual(['Send the beneficiary form (for Avery Quinn); status: open.']);
    expect(textsOf(brief, 'complianceNotes')).toHaveLength(2);
  });

  it('numbers bullets 0..n-1 across the brief with stable, unique ids', () => {
    expect(bullets.map((b) => b.bulletIndex)).toEqual(bullets.map((_, i) => i));
    expect(new Set(bullets.map((b) => b.bulletId)).size).toBe(bullets.length);
    expect(bullets[0].bulletId).toBe('brief-1:b0');
    expect(briefStreamId(brief.briefId)).toBe('brief-brief-1');
  });

  it('cites in every bullet spans that lie within their exact version', () => {
    for (const bullet of bullets) {
      expect(bullet.citations.length).toBeGreaterThan(0);
      for (const span of bullet.citations.flatMap(citedSpans)) {
        const content = CONTENT[span.documentVersionId];
        expect(content).toBeDefined();
        expect(span.endChar).toBeLessThanOrEqual(content.length);
        expect(span.documentId).toBe(span.documentVersionId.split(':')[0]);
      }
    }
    const quoted = bullets.find((b) => b.text.includes('Reminder'));
    const [span] = quoted ? quoted.citations.flatMap(citedSpans) : [];
    expect(CONTENT['doc-c:v1'].slice(span.startChar, span.endChar)).toBe('Reminder: send the beneficiary form.');
  });

  it('never echoes a compliance-sensitive phrase: it becomes a note citing where it occurred', () => {
    for (const bullet of bullets) expect(findPhrases(bullet.text, DEFAULT_COMPLIANCE_PHRASES)).toEqual([]);
    expect(JSON.stringify(bullets.map((b) => b.text)).toLowerCase()).not.toContain('guaranteed');
    const [fromClaim, fromMessage] = brief.sections[3].bullets;
    expect(fromClaim.text).toMatch(/rule performance-guarantee.*recorded claim.*not a recommendation/);
    expect(fromClaim.citations).toEqual([expect.objectContaining({ kind: 'claim', claimId: 'c-pref' })]);
    expect(fromMessage.text).toMatch(/rule performance-guarantee.*message of 2025-06-10.*not a recommendation/);
    const occurrences = fromMessage.citations.flatMap(citedSpans);
    expect(occurrences.map((s) => CONTENT['doc-b:v1'].slice(s.startChar, s.endChar))).toEqual([
      'guaranteed returns',
      'Guaranteed\nreturns',
    ]);
    expect(occurrences[0]).toEqual({ ...spanOf('doc-b:v1', 'guaranteed returns'), spanId: null });
  });

  it('leaves out threads without the subject, messages outside the window and closed action items', () => {
    const text = JSON.stringify(bullets);
    for (const absent of ['doc-d', 'doc-e', 'Review the 2024 statement']) expect(text).not.toContain(absent);
  });

  it('records the exact ids and versions it used, sorted', () => {
    expect(brief.sources).toEqual({
      claims: ['c-form', 'c-form-status', 'c-ira', 'c-pref', 'c-review', 'c-review-done'].map((claimId) => ({
        claimId,
        revision: 0,
      })),
      mentions: ['m-1'],
      threads: ['thr-1', 'thr-2', 'thr-3'],
      documentVersions: ['doc-a:v2', 'doc-b:v1', 'doc-c:v1'].map((v) => ({
        documentId: v.split(':')[0],
        documentVersionId: v,
      })),
    });
    expect(brief.window).toEqual({ from: '2025-05-16T00:00:00.000Z', to: '2025-07-16T00:00:00.000Z' });
  });

  it('carries the disclaimer', () => {
    expect(brief.disclaimer).toBe(DISCLAIMER);
    for (const words of [
      /informational only/i,
      /investment, legal or tax advice/,
      /guarantee/,
      /verify .* cited sources/,
    ]) {
      expect(DISCLAIMER).toMatch(words);
    }
    // @ts-expect-error a brief without the disclaimer is not a brief
    const bare: Brief = { ...brief, disclaimer: undefined };
    // @ts-expect-error nor is one with other wording
    const reworded: Brief = { ...brief, disclaimer: 'Advice.' };
    expect([bare, reworded]).toHaveLength(2);
  });
});

describe('brief content hash and determinism', () => {
  it('is the SHA-256 of the RFC 8785 JSON of the brief without its hash', () => {
    const { contentHash, ...content } = brief;
    expect(contentHash).toBe(
      createHash('sha256')
        .update(canonicalJson(JSON.parse(JSON.stringify(content))))
        .digest('hex'),
    );
    expect(verifyBriefHash(brief)).toBe(true);
    expect(verifyBriefHash({ ...brief, meetingDate: '2025-06-16' })).toBe(false);
  });

  it('gives byte-identical output for the same inputs in any order', () => {
    const expected = canonicalBrief(brief);
    for (let seed = 1; seed <= 20; seed += 1) {
      expect(canonicalBrief(composeBrief(shuffled(REQUEST, seed)))).toBe(expected);
    }
  });
});

describe('options and inputs', () => {
  it('takes a configurable window', () => {
    const narrow = composeBrief(REQUEST, { ...DEFAULT_BRIEF_OPTIONS, window: { daysBefore: 30, daysAfter: 0 } });
    expect(narrow.sources.threads).toEqual(['thr-1', 'thr-2']);
    expect(textsOf(narrow, 'recentCommunications')).toHaveLength(2);
    const wide = composeBrief(REQUEST, { ...DEFAULT_BRIEF_OPTIONS, window: { daysBefore: 90, daysAfter: 30 } });
    expect(wide.sources.documentVersions.map((v) => v.documentVersionId)).toContain('doc-d:v1');
  });

  it('takes a configurable phrase list', () => {
    const options = { ...DEFAULT_BRIEF_OPTIONS, compliancePhrases: [{ ruleId: 'r-ira', phrase: 'IRA' }] };
    const flagged = composeBrief(REQUEST, options);
    for (const bullet of flagged.sections.flatMap((s) => s.bullets)) expect(bullet.text).not.toMatch(/\bIRA\b/);
  });

  it('marks a claim whose evidence has a newer version', () => {
    const stale = composeBrief({
      ...REQUEST,
      claims: CLAIMS.map((c) => (c.claimId === 'c-ira' ? { ...c, staleEvidence: true } : c)),
    });
    expect(textsOf(stale, 'summary')).toContain(
      'Avery Quinn: holds account IRA ending 4421 (cited evidence has a newer version: verify).',
    );
  });

  it('composes for a household as well', () => {
    const household = composeBrief({
      ...REQUEST,
      subject: { ...REQUEST.subject, kind: 'Household', entityId: 'hh-1', label: 'Quinn household' },
    });
    expect(household.subject).toEqual({ kind: 'Household', entityId: 'hh-1' });
    expect(textsOf(household, 'summary')?.[0]).toBe('Brief for Quinn household (Household).');
  });

  it.each([
    ['a repeated claim', { claims: [CLAIMS[0], CLAIMS[0]] }, 'MEETING_PREP.DUPLICATE_INPUT', 'claims[1].claimId'],
    [
      'a claim with no citation',
      { claims: [{ ...CLAIMS[0], citations: [] }] },
      'MEETING_PREP.CITATION_REQUIRED',
      'claims[0].citations',
    ],
    ['a brief id unfit for a stream', { briefId: 'a b' }, 'MEETING_PREP.INVALID_FIELD', 'briefId'],
    ['an invalid meeting date', { meetingDate: '2025-13-01' }, 'MEETING_PREP.INVALID_FIELD', 'meetingDate'],
    [
      'a message date without a time zone',
      { threads: [{ ...REQUEST.threads[0], messages: [{ ...REQUEST.threads[0].messages[0], sentAt: '2025-06-01' }] }] },
      'MEETING_PREP.INVALID_FIELD',
      'threads[0].messages[0].sentAt',
    ],
  ] as const)('refuses %s', (_name, change, code, field) => {
    expect(() => composeBrief({ ...REQUEST, ...change } as BriefRequest)).toThrow(
      expect.objectContaining({ code, details: expect.objectContaining({ field }) }),
    );
  });
});

/** A seeded shuffle of every list in the request, so a failure can be replayed. */
function shuffled(request: BriefRequest, seed: number): BriefRequest {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const mix = <T>(items: readonly T[]): T[] =>
    items
      .map((item) => ({ item, r: random() }))
      .sort((a, b) => a.r - b.r)
      .map(({ item }) => item);
  return {
    ...request,
    subject: {
      ...request.subject,
      emailAddresses: mix(request.subject.emailAddresses),
      mentions: mix(request.subject.mentions),
    },
    claims: mix(request.claims).map((c) => ({ ...c, citations: mix(c.citations) })),
    threads: mix(request.threads).map((t) => ({ ...t, participants: mix(t.participants), messages: mix(t.messages) })),
  };
}
