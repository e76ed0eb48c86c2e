import { collect } from '@ledger/ledger/testing';
import { rebuildOrg } from '@ledger/projections';
import { EvidenceApp } from '../app/evidenceApp';
import type { IngestResult } from '../ingest-document/ingestDocument.handler';
import type { SpanView } from '../pin-span/pinSpan.handler';
import { evidenceProjection } from '../projection/evidenceProjection';
import {
  advisor,
  compliance,
  createEvidenceTestContext,
  message,
  orgEventCount,
  type EvidenceTestContext,
} from '../testing/evidenceTestContext';

const ORG = 'org-list';
const OTHER = 'org-list-b';
const BODY_A = 'Avery and Jordan Quill share a household. Avery holds an IRA ending 4421.';
const BODY_B = 'Email from avery.quill@example.test: please call me next week.';

/** A span as other services cite it: ids and offsets, no text. */
function ref(span: SpanView) {
  const { spanId, documentId, documentVersionId, startChar, endChar } = span;
  return { spanId, documentId, documentVersionId, startChar, endChar };
}

describe('Evidence.List (C-02)', () => {
  let t: EvidenceTestContext;
  let docA: IngestResult;
  let docB: IngestResult;
  let household: SpanView;
  let ira: SpanView;
  let email: SpanView;

  const pin = (doc: IngestResult, body: string, text: string) =>
    t.app.pinSpan(advisor(ORG), {
      documentId: doc.documentId,
      documentVersionId: doc.documentVersionId,
      startChar: body.indexOf(text),
      endChar: body.indexOf(text) + text.length,
      text,
    });

  beforeAll(async () => {
    t = await createEvidenceTestContext();
    await t.app.registerProviderAccount(advisor(ORG), { id: 'acct-1', provider: 'gmail', label: 'Work' });
    docA = await t.app.ingest(advisor(ORG), message({ messageId: 'list-a', body: BODY_A }));
    docB = await t.app.ingest(advisor(ORG), message({ messageId: 'list-b', body: BODY_B }));
    household = await pin(docA, BODY_A, 'Avery and Jordan Quill share a household');
    ira = await pin(docA, BODY_A, 'IRA ending 4421');
    email = await pin(docB, BODY_B, 'avery.quill@example.test');

    // The claims service's events, as it appends them.
    await t.appendAndWait(ORG, 'entity-client-1', [
      { type: 'EntityCreated', data: { entityId: 'client-1', kind: 'Client' }, personal: { label: 'Avery Quill' } },
      { type: 'MentionAdded', data: { entityId: 'client-1', mentionId: 'men-1', span: ref(household) } },
    ]);
    await t.appendAndWait(ORG, 'entity-hh-1', [
      { type: 'EntityCreated', data: { entityId: 'hh-1', kind: 'Household' }, personal: { label: 'Quill household' } },
    ]);
    await t.appendAndWait(ORG, 'entity-lonely', [
      { type: 'EntityCreated', data: { entityId: 'lonely', kind: 'Client' }, personal: { label: 'Nobody' } },
    ]);
    await t.appendAndWait(ORG, 'claim-c1', [
      {
        type: 'ClaimAsserted',
        data: {
          claimId: 'c1',
          subjectEntityId: 'client-1',
          predicate: 'memberOf',
          object: { kind: 'entity', entityId: 'hh-1' },
          citations: [ref(household), ref(ira)],
          supersedes: null,
        },
      },
    ]);
    await t.appendAndWait(ORG, 'claim-c2', [
      {
        type: 'ClaimAsserted',
        data: {
          claimId: 'c2',
          subjectEntityId: 'client-1',
          predicate: 'emailAddress',
          object: { kind: 'literal' },
          citations: [ref(email)],
          supersedes: null,
        },
        personal: { literal: 'avery.quill@example.test' },
      },
    ]);
    // The meeting-prep service's brief: bullets cite a claim (through its spans), a mention, a bare location.
    await t.appendAndWait(ORG, 'brief-b1', [
      {
        type: 'BriefComposed',
        data: {
          briefId: 'b1',
          subject: { kind: 'Client', entityId: 'client-1' },
          meetingDate: '2026-03-12',
          window: { from: '2026-02-10T00:00:00.000Z', to: '2026-04-11T00:00:00.000Z' },
          contentHash: 'f'.repeat(64),
          sources: { claims: [{ claimId: 'c1', revision: 0 }], mentions: ['men-1'], threads: [], documentVersions: [] },
          bullets: [
            {
              bulletId: 'b1:b0',
              bulletIndex: 0,
              section: 'summary',
              citations: [
                { kind: 'claim', claimId: 'c1', claimRevision: 0, spans: [ref(household), ref(ira)] },
                { kind: 'mention', mentionId: 'men-1', span: ref(household) },
              ],
            },
            {
              bulletId: 'b1:b1',
              bulletIndex: 1,
              section: 'recentCommunications',
              citations: [
                {
                  kind: 'span',
                  span: {
                    spanId: null,
                    documentId: docB.documentId,
                    documentVersionId: docB.documentVersionId,
                    startChar: 0,
                    endChar: 5,
                  },
                },
              ],
            },
            // Malformed citations are not evidence: skipped, never a failed projection.
            {
              bulletId: 'b1:b2',
              bulletIndex: 2,
              section: 'summary',
              citations: [{ kind: 'claim', claimId: 'c1', spans: 'x' }],
            },
          ],
        },
        personal: { brief: { text: 'whole sealed brief' } },
      },
    ]);
  });
  afterAll(() => t.close());

  it("by claim: the claim's citations as relation items, text sliced from the version", async () => {
    const page = await t.app.listEvidence(advisor(ORG), { claimId: 'c1' });
    expect(page).toEqual({
      items: [
        {
          documentId: docA.documentId,
          documentVersionId: docA.documentVersionId,
          startChar: household.startChar,
          endChar: household.endChar,
          text: 'Avery and Jordan Quill share a household',
          erased: false,
          kind: 'relation',
          source: { claimId: 'c1', spanId: household.spanId },
        },
        expect.objectContaining({
          text: 'IRA ending 4421',
          kind: 'relation',
          source: { claimId: 'c1', spanId: ira.spanId },
        }),
      ],
      nextCursor: null,
    });
  });

  it('by entity: its mentions and the relations it is the subject or the entity object of', async () => {
    const client = await t.app.listEvidence(compliance(ORG), { entityId: 'client-1' });
    expect(client.items.map((i) => [i.kind, i.source])).toEqual([
      ['mention', { mentionId: 'men-1', spanId: household.spanId }],
      ['relation', { claimId: 'c1', spanId: household.spanId }],
      ['relation', { claimId: 'c1', spanId: ira.spanId }],
      ['relation', { claimId: 'c2', spanId: email.spanId }],
    ]);
    const hh = await t.app.listEvidence(advisor(ORG), { entityId: 'hh-1' });
    expect(hh.items.map((i) => i.source.claimId)).toEqual(['c1', 'c1']);
    expect((await t.app.listEvidence(advisor(ORG), { entityId: 'lonely' })).items).toEqual([]);
  });

  it('by bullet: the spans its citations resolve to, claims expanded to their spans', async () => {
    const b0 = await t.app.listEvidence(advisor(ORG), { meetingPrepBulletId: 'b1:b0' });
    expect(b0.items.map((i) => [i.kind, i.text, i.source])).toEqual([
      ['bullet', household.text, { claimId: 'c1', meetingPrepBulletId: 'b1:b0', spanId: household.spanId }],
      ['bullet', ira.text, { claimId: 'c1', meetingPrepBulletId: 'b1:b0', spanId: ira.spanId }],
      ['bullet', household.text, { mentionId: 'men-1', meetingPrepBulletId: 'b1:b0', spanId: household.spanId }],
    ]);
    const b1 = await t.app.listEvidence(advisor(ORG), { meetingPrepBulletId: 'b1:b1' });
    expect(b1.items).toEqual([
      expect.objectContaining({ text: 'Email', documentId: docB.documentId, source: { meetingPrepBulletId: 'b1:b1' } }),
    ]);
    expect((await t.app.listEvidence(advisor(ORG), { meetingPrepBulletId: 'b1:b2' })).items).toEqual([]);
  });

  it('by document: every item pinned into it', async () => {
    const a = await t.app.listEvidence(advisor(ORG), { documentId: docA.documentId });
    expect(a.items.map((i) => i.kind)).toEqual(['mention', 'relation', 'relation', 'bullet', 'bullet', 'bullet']);
    expect(a.items.every((i) => i.documentId === docA.documentId)).toBe(true);
    const b = await t.app.listEvidence(advisor(ORG), { documentId: docB.documentId });
    expect(b.items.map((i) => [i.kind, i.text])).toEqual([
      ['relation', 'avery.quill@example.test'],
      ['bullet', 'Email'],
    ]);
  });

  it('pages with an opaque cursor bound to its filter', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await t.app.listEvidence(advisor(ORG), { documentId: docA.documentId, limit: 4, cursor });
      seen.push(...page.items.map((i) => `${i.kind}:${JSON.stringify(i.source)}`));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    const all = await t.app.listEvidence(advisor(ORG), { documentId: docA.documentId, limit: 200 });
    expect(seen).toEqual(all.items.map((i) => `${i.kind}:${JSON.stringify(i.source)}`));

    const first = await t.app.listEvidence(advisor(ORG), { claimId: 'c1', limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await t.app.listEvidence(advisor(ORG), { claimId: 'c1', limit: 1, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ text: 'IRA ending 4421' })], nextCursor: null });
    await expect(
      t.app.listEvidence(advisor(ORG), { entityId: 'client-1', cursor: first.nextCursor! }),
    ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_CURSOR', details: { field: 'cursor' } });
    for (const cursor of ['%%%', 'bm90IGpzb24', Buffer.from('{"v":1}').toString('base64url')]) {
      await expect(t.app.listEvidence(advisor(ORG), { claimId: 'c1', cursor })).rejects.toMatchObject({
        code: 'EVIDENCE.INVALID_CURSOR',
      });
    }
  });

  it('refuses zero filters, two filters, unknown parameters and bad limits, recording nothing', async () => {
    const before = await orgEventCount(t, ORG);
    await expect(t.app.listEvidence(advisor(ORG), {})).rejects.toMatchObject({
      code: 'EVIDENCE.INVALID_FILTER',
      details: { field: 'filter', rule: expect.stringContaining('exactly one') },
    });
    await expect(t.app.listEvidence(advisor(ORG), { entityId: 'client-1', claimId: 'c1' })).rejects.toMatchObject({
      code: 'EVIDENCE.INVALID_FILTER',
      details: { field: 'claimId', rule: expect.stringContaining('exactly one') },
    });
    await expect(
      t.app.listEvidence(advisor(ORG), { clientId: 'x' } as unknown as { entityId: string }),
    ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_FILTER', details: { field: 'clientId' } });
    for (const limit of [0, 201, 1.5]) {
      await expect(t.app.listEvidence(advisor(ORG), { claimId: 'c1', limit })).rejects.toMatchObject({
        code: 'EVIDENCE.INVALID_FIELD',
        details: { field: 'limit' },
      });
    }
    await t.access.close();
    expect(await orgEventCount(t, ORG)).toBe(before);
  });

  it("keeps orgs apart: unknown and other orgs' ids are not found, foreign citations are no evidence", async () => {
    const filters = [
      [{ entityId: 'client-1' }, 'EVIDENCE.ENTITY_NOT_FOUND'],
      [{ claimId: 'c1' }, 'EVIDENCE.CLAIM_NOT_FOUND'],
      [{ meetingPrepBulletId: 'b1:b0' }, 'EVIDENCE.BULLET_NOT_FOUND'],
      [{ documentId: docA.documentId }, 'EVIDENCE.DOCUMENT_NOT_FOUND'],
    ] as const;
    for (const [filter, code] of filters) {
      await expect(t.app.listEvidence(advisor(OTHER), filter)).rejects.toMatchObject({ code });
    }
    await expect(t.app.listEvidence(advisor(ORG), { claimId: 'c-unknown' })).rejects.toMatchObject({
      code: 'EVIDENCE.CLAIM_NOT_FOUND',
    });
    // A claim in org B citing org A's span ids and versions lists nothing: B holds no such version.
    await t.appendAndWait(OTHER, 'claim-c1', [
      {
        type: 'ClaimAsserted',
        data: {
          claimId: 'c1',
          subjectEntityId: 'client-1',
          predicate: 'memberOf',
          object: { kind: 'entity', entityId: 'hh-1' },
          citations: [ref(household)],
          supersedes: null,
        },
      },
    ]);
    expect(await t.app.listEvidence(advisor(OTHER), { claimId: 'c1' })).toEqual({ items: [], nextCursor: null });
    expect((await t.app.listEvidence(advisor(ORG), { claimId: 'c1' })).items).toHaveLength(2);
  });

  it('records every call as an EvidenceListed access event before answering', async () => {
    const now = new Date('2026-03-10T23:59:59.000Z');
    const app = new EvidenceApp({ store: t.ledger, pool: t.pool, waiter: t.waiter, access: t.access, now: () => now });
    const ctx = { ...compliance(ORG, 'officer-7'), correlationId: 'corr-1', requestId: 'req-1' };
    const page = await app.listEvidence(ctx, { meetingPrepBulletId: 'b1:b0' });
    await app.listEvidence(ctx, { entityId: 'lonely' });
    // Awaited before answering: the events are already stored.
    const events = await collect(t.ledger.readStream(ORG, 'evidenceaccess-2026-03-10'));
    expect(events.map((e) => [e.type, e.data, e.metadata])).toEqual([
      [
        'EvidenceListed',
        {
          filter: { kind: 'meetingPrepBullet', id: 'b1:b0' },
          items: page.items.length,
          documentVersionIds: [docA.documentVersionId],
        },
        { actor: 'officer-7', correlationId: 'corr-1' },
      ],
      [
        'EvidenceListed',
        { filter: { kind: 'entity', id: 'lonely' }, items: 0, documentVersionIds: [] },
        { actor: 'officer-7', correlationId: 'corr-1' },
      ],
    ]);
    expect(events.every((e) => e.personalState === 'none')).toBe(true);
  });

  it('retractions and supersessions leave the entity and document views but not the claim history', async () => {
    await t.appendAndWait(ORG, 'entity-client-1', [
      { type: 'MentionRetracted', data: { entityId: 'client-1', mentionId: 'men-1', reason: 'wrong person' } },
    ]);
    await t.appendAndWait(ORG, 'claim-c2', [{ type: 'ClaimRetracted', data: { claimId: 'c2', reason: 'bounced' } }]);
    const client = await t.app.listEvidence(advisor(ORG), { entityId: 'client-1' });
    expect(client.items.map((i) => i.source.claimId ?? i.source.mentionId)).toEqual(['c1', 'c1']);
    expect((await t.app.listEvidence(advisor(ORG), { claimId: 'c2' })).items).toHaveLength(1);
    expect((await t.app.listEvidence(advisor(ORG), { documentId: docB.documentId })).items.map((i) => i.kind)).toEqual([
      'bullet',
    ]);
    // Briefs are immutable: their bullets still resolve.
    expect((await t.app.listEvidence(advisor(ORG), { meetingPrepBulletId: 'b1:b0' })).items).toHaveLength(3);
  });

  it('shows erased content as text null, erased true', async () => {
    await t.ledger.shred(ORG, `evidence-${docB.documentId}`);
    const page = await t.app.listEvidence(advisor(ORG), { claimId: 'c2' });
    expect(page.items).toEqual([expect.objectContaining({ text: null, erased: true, documentId: docB.documentId })]);
  });

  it('rebuilds to the same rows, in small batches as in one', async () => {
    for (const batchSize of [2, 1000]) {
      const result = await rebuildOrg({ pool: t.pool, ledger: t.ledger }, evidenceProjection, ORG, {
        actor: 'test',
        dryRun: true,
        batchSize,
      });
      expect(result.comparison).toMatchObject({ comparable: true, identical: true, differences: [] });
    }
  });
});
