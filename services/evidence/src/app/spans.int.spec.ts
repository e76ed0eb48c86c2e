import type { IngestResult } from '../ingest-document/ingestDocument.handler';
import {
  advisor,
  compliance,
  createEvidenceTestContext,
  message,
  orgEventCount,
  type EvidenceTestContext,
} from '../testing/evidenceTestContext';

const BODY = 'Avery 🙂 holds an IRA ending 4421. Meeting on 12 March.';

describe('evidence spans (C-05)', () => {
  let t: EvidenceTestContext;
  const org = 'org-spans';
  let doc: IngestResult;
  beforeAll(async () => {
    t = await createEvidenceTestContext();
    await t.app.registerProviderAccount(advisor(org), { id: 'acct-1', provider: 'gmail', label: 'Work' });
    doc = await t.app.ingest(advisor(org), message({ messageId: 'span-doc', body: BODY }));
  });
  afterAll(() => t.close());

  const at = (text: string, content = BODY) => ({
    startChar: content.indexOf(text),
    endChar: content.indexOf(text) + text.length,
    text,
  });

  it('pins exact text of an exact version in UTF-16 code units and reads it back', async () => {
    const pinned = await t.app.pinSpan(advisor(org), {
      documentId: doc.documentId,
      documentVersionId: doc.documentVersionId,
      ...at('IRA ending 4421'),
    });
    expect(pinned).toMatchObject({ documentId: doc.documentId, startChar: 18, endChar: 33, text: 'IRA ending 4421' });
    expect(await t.app.readSpan(compliance(org), pinned.spanId)).toEqual({ ...pinned, versionIsCurrent: true });
    const emoji = await t.app.pinSpan(advisor(org), {
      documentId: doc.documentId,
      documentVersionId: doc.documentVersionId,
      startChar: 6,
      endChar: 8,
      text: '🙂',
    });
    expect(emoji.text).toBe('🙂');
    const { rows } = await t.pool.query('SELECT * FROM evidence_spans WHERE org_id = $1', [org]);
    expect(JSON.stringify(rows)).not.toContain('ending 4421');
  });

  it.each([
    ['a negative start', { startChar: -1, endChar: 3, text: 'Ave' }, 'startChar'],
    ['an empty span', { startChar: 3, endChar: 3, text: '' }, 'endChar'],
    ['an end past the content', { startChar: 0, endChar: BODY.length + 1, text: BODY }, 'endChar'],
    ['text that differs', { startChar: 0, endChar: 5, text: 'avery' }, 'text'],
    ['half a surrogate pair', { startChar: 6, endChar: 7, text: '🙂' }, 'text'],
    ['fractional offsets', { startChar: 0.5, endChar: 3, text: 'Ave' }, 'startChar'],
  ])('refuses %s with INVALID_SPAN naming the field, writing nothing', async (_name, span, field) => {
    const before = await orgEventCount(t, org);
    await expect(
      t.app.pinSpan(advisor(org), { documentId: doc.documentId, documentVersionId: doc.documentVersionId, ...span }),
    ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_SPAN', details: { field, rule: expect.any(String) } });
    expect(await orgEventCount(t, org)).toBe(before);
  });

  it("refuses unknown documents and versions, and another org's, as VERSION_NOT_FOUND", async () => {
    const cases: [string, string, string][] = [
      [org, 'no-such-doc', 'no-such-doc:v1'],
      [org, doc.documentId, `${doc.documentId}:v7`],
      ['org-spans-b', doc.documentId, doc.documentVersionId],
    ];
    for (const [orgId, documentId, documentVersionId] of cases) {
      await expect(
        t.app.pinSpan(advisor(orgId), { documentId, documentVersionId, ...at('Avery') }),
      ).rejects.toMatchObject({ code: 'EVIDENCE.VERSION_NOT_FOUND' });
    }
    expect(await orgEventCount(t, 'org-spans-b')).toBe(0);
    await expect(t.app.readSpan(advisor(org), 'no-such-span')).rejects.toMatchObject({
      code: 'EVIDENCE.SPAN_NOT_FOUND',
    });
  });

  it('hides a span from another org exactly like a missing one', async () => {
    const pinned = await t.app.pinSpan(advisor(org), {
      documentId: doc.documentId,
      documentVersionId: doc.documentVersionId,
      ...at('Meeting'),
    });
    await expect(t.app.readSpan(advisor('org-spans-b'), pinned.spanId)).rejects.toMatchObject({
      code: 'EVIDENCE.SPAN_NOT_FOUND',
    });
    await expect(t.app.staleSpans(advisor('org-spans-b'), doc.documentId)).rejects.toMatchObject({
      code: 'EVIDENCE.DOCUMENT_NOT_FOUND',
    });
  });

  it('never re-points: reports spans of superseded versions with relocation suggestions', async () => {
    const d = await t.app.ingest(
      advisor(org),
      message({ messageId: 'stale-doc', body: 'IRA 4421. Call Avery. Call back.' }),
    );
    const pin = (text: string) =>
      t.app.pinSpan(advisor(org), {
        documentId: d.documentId,
        documentVersionId: d.documentVersionId,
        ...at(text, 'IRA 4421. Call Avery. Call back.'),
      });
    const ira = await pin('IRA 4421');
    const call = await pin('Call');
    expect((await t.app.staleSpans(advisor(org), d.documentId)).spans).toEqual([]);

    const next = 'Note: IRA 4421. Call Avery. Call back.';
    const v2 = await t.app.ingest(advisor(org), message({ messageId: 'stale-doc', body: next }));
    expect(v2.version).toBe(2);
    const report = await t.app.staleSpans(compliance(org), d.documentId);
    expect(report).toEqual({
      documentId: d.documentId,
      latestDocumentVersionId: v2.documentVersionId,
      spans: [
        {
          spanId: ira.spanId,
          documentVersionId: d.documentVersionId,
          startChar: 0,
          endChar: 8,
          text: 'IRA 4421',
          erased: false,
          suggestion: { documentVersionId: v2.documentVersionId, startChar: 6, endChar: 14 },
        },
        // "Call" occurs twice in the new version: no suggestion.
        expect.objectContaining({ spanId: call.spanId, suggestion: null }),
      ],
    });
    // The old span still points at version 1, unchanged.
    expect(await t.app.readSpan(advisor(org), ira.spanId)).toMatchObject({
      documentVersionId: d.documentVersionId,
      startChar: 0,
      versionIsCurrent: false,
    });
  });

  it('refuses to pin into erased content, and reads erased spans without text', async () => {
    const d = await t.app.ingest(advisor(org), message({ messageId: 'erased-doc', body: 'Secret plan.' }));
    const span = await t.app.pinSpan(advisor(org), {
      documentId: d.documentId,
      documentVersionId: d.documentVersionId,
      startChar: 0,
      endChar: 6,
      text: 'Secret',
    });
    await t.ledger.shred(org, `evidence-${d.documentId}`);
    expect(await t.app.readSpan(advisor(org), span.spanId)).toMatchObject({ text: null, erased: true });
    await expect(
      t.app.pinSpan(advisor(org), {
        documentId: d.documentId,
        documentVersionId: d.documentVersionId,
        startChar: 0,
        endChar: 6,
        text: 'Secret',
      }),
    ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_SPAN', details: { field: 'documentVersionId' } });
  });
});
