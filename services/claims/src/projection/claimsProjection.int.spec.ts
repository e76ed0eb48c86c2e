import { rebuildOrg } from '@ledger/projections';
import {
  createClaimsTestContext,
  EvidenceFixtures,
  requestContext,
  type ClaimsTestContext,
} from '../testing/claimsTestContext';
import { claimsProjection } from './claimsProjection';

const ORG = 'org-projection';
const advisor = requestContext(ORG);

describe('claims projection', () => {
  let t: ClaimsTestContext;
  let evidence: EvidenceFixtures;

  beforeAll(async () => {
    t = await createClaimsTestContext();
    evidence = new EvidenceFixtures(t);
  });
  afterAll(() => t.close());

  it('reads evidence events tolerantly: malformed ones and look-alikes from other streams are skipped', async () => {
    await evidence.append(ORG, 'doc-odd', { type: 'SpanPinned', data: { spanId: 's-odd', documentId: 'doc-odd' } });
    await evidence.append(ORG, 'doc-odd', { type: 'DocumentIngested', data: { documentId: 42 } });
    const { positions } = await t.db.ledger.append({
      orgId: ORG,
      streamId: 'notes-1',
      expectedRevision: 'any',
      events: [
        {
          type: 'SpanPinned',
          data: { spanId: 's-fake', documentId: 'd', documentVersionId: 'd:v1', startChar: 0, endChar: 1 },
          metadata: { actor: 'someone' },
        },
      ],
    });
    await t.waiter.waitFor(ORG, positions);
    // A well-formed span after them is still projected: the org did not stop.
    await evidence.document(ORG, 'doc-1', 'Plain text here');
    await evidence.span(ORG, 's-ok', 'doc-1', 'doc-1:v1', 0, 5);
    const { rows } = await t.db.pool.query<{ span_id: string }>(
      'SELECT span_id FROM claims_spans WHERE org_id = $1 ORDER BY span_id',
      [ORG],
    );
    expect(rows.map((row) => row.span_id)).toEqual(['s-ok']);
    const state = await t.db.pool.query<{ status: string }>(
      'SELECT status FROM projection_state WHERE org_id = $1 AND projection = $2',
      [ORG, claimsProjection.name],
    );
    expect(state.rows[0].status).toBe('running');
  });

  it('stores no personal data: labels and literals stay in the ledger, rows keep event ids', async () => {
    await t.app.createEntity(advisor, { entityId: 'client-1', kind: 'Client', label: 'Morgan Secretname' });
    await t.app.assertClaim(advisor, {
      claimId: 'c-1',
      subjectEntityId: 'client-1',
      predicate: 'emailAddress',
      object: { kind: 'literal', value: 'morgan.secret@example.test' },
      spanIds: ['s-ok'],
    });
    for (const table of claimsProjection.tables) {
      const { rows } = await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table.name} t WHERE t::text LIKE '%Secretname%' OR t::text LIKE '%morgan.secret%'`,
      );
      expect(rows[0].n).toBe(0);
    }
  });

  it('rebuilds an org into identical rows', async () => {
    await t.app.supersedeClaim(advisor, 'c-1', {
      reason: 'Morgan Secretname gave a typo',
      replacement: {
        claimId: 'c-2',
        predicate: 'emailAddress',
        object: { kind: 'literal', value: 'morgan@example.test' },
        spanIds: ['s-ok'],
      },
    });
    await t.app.addMention(advisor, 'client-1', { mentionId: 'm-1', spanId: 's-ok' });
    await t.app.retractMention(advisor, 'client-1', 'm-1', { reason: 'Secretname is the wrong span' });
    await evidence.document(ORG, 'doc-1', 'Plain text here, edited', 2);
    const result = await rebuildOrg({ pool: t.db.pool, ledger: t.db.ledger }, claimsProjection, ORG, {
      actor: 'oncall-1',
      dryRun: true,
    });
    expect(result.comparison).toMatchObject({ comparable: true, identical: true });
  });

  it('keeps reasons out of every table, and rebuilds v1 and v2 events of shredded streams without failing', async () => {
    for (const table of claimsProjection.tables) {
      const { rows } = await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table.name} t WHERE t::text LIKE '%Secretname%'`,
      );
      expect([table.name, rows[0].n]).toEqual([table.name, 0]);
    }
    // A retraction as appended before reasons were sealed: its reason is in clear data.
    const { positions } = await t.db.ledger.append({
      orgId: ORG,
      streamId: 'claim-c-2',
      expectedRevision: 0,
      events: [{ type: 'ClaimRetracted', data: { claimId: 'c-2', reason: 'v1 reason' }, metadata: { actor: 'a' } }],
    });
    await t.waiter.waitFor(ORG, positions);
    for (const stream of ['claim-c-1', 'claim-c-2', 'entity-client-1']) await t.db.ledger.shred(ORG, stream);

    const result = await rebuildOrg({ pool: t.db.pool, ledger: t.db.ledger }, claimsProjection, ORG, {
      actor: 'oncall-1',
      dryRun: true,
    });
    expect(result.comparison).toMatchObject({ comparable: true, identical: true });
    const { rows } = await t.db.pool.query<{ status: string }>(
      'SELECT status FROM projection_state WHERE org_id = $1 AND projection = $2',
      [ORG, claimsProjection.name],
    );
    expect(rows[0].status).toBe('running');
    const c1 = await t.app.getClaim(advisor, 'c-1');
    expect([c1.status, c1.reason, c1.reasonState]).toEqual(['superseded', null, 'erased']);
    // The v1 reason was never sealed: shredding cannot erase it, and it still reads.
    const c2 = await t.app.getClaim(advisor, 'c-2');
    expect([c2.status, c2.reason, c2.reasonState]).toEqual(['retracted', 'v1 reason', 'present']);
  });
});
