import { Retention, RetentionSweeper } from '@ledger/ledger';
import { MovableClock } from '@ledger/ledger/testing';
import { rebuildOrg } from '@ledger/projections';
import {
  createClaimsTestContext,
  EvidenceFixtures,
  requestContext,
  type ClaimsTestContext,
} from '../testing/claimsTestContext';
import { claimsProjection } from './claimsProjection';

const ORG = 'org-retention-rebuild';
const advisor = requestContext(ORG);
const SECRETS = ['Robin Secretname', 'robin.secret@example.test'];

describe('claims read models after a retention sweep', () => {
  let t: ClaimsTestContext;

  beforeAll(async () => {
    t = await createClaimsTestContext();
  });
  afterAll(() => t.close());

  it('rebuilt after the sweep shredded its streams, hold no personal data and read as erased', async () => {
    const evidence = new EvidenceFixtures(t);
    await evidence.document(ORG, 'doc-r', 'Some text');
    await evidence.span(ORG, 's-r', 'doc-r', 'doc-r:v1', 0, 4);
    await t.app.createEntity(advisor, { entityId: 'client-r', kind: 'Client', label: SECRETS[0] });
    await t.app.assertClaim(advisor, {
      claimId: 'c-r',
      subjectEntityId: 'client-r',
      predicate: 'emailAddress',
      object: { kind: 'literal', value: SECRETS[1] },
      spanIds: ['s-r'],
    });

    const clock = new MovableClock();
    const retention = new Retention({ pool: t.db.pool, ledger: t.db.ledger, clock });
    for (const category of ['entity', 'claim']) {
      await retention.setClass(ORG, { category, regulation: 'finra-4511', actor: 'compliance-1', reason: 'books' });
    }
    clock.advanceMonths(73);
    const swept = await new RetentionSweeper({ pool: t.db.pool, ledger: t.db.ledger, clock }).apply(ORG, {
      actor: 'ops-1',
    });
    expect(swept).toMatchObject({ shredded: 2, held: 0 });

    const rebuilt = await rebuildOrg({ pool: t.db.pool, ledger: t.db.ledger }, claimsProjection, ORG, {
      actor: 'oncall-1',
    });
    expect(rebuilt.outcome).toBe('switched');
    for (const table of claimsProjection.tables) {
      const { rows } = await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table.name} t WHERE t::text LIKE '%Secretname%' OR t::text LIKE '%robin.secret%'`,
      );
      expect([table.name, rows[0].n]).toEqual([table.name, 0]);
    }
    const entity = await t.app.getEntity(advisor, 'client-r');
    expect([entity.label, entity.labelState]).toEqual([null, 'erased']);
    const claim = await t.app.getClaim(advisor, 'c-r');
    expect(claim.object).toMatchObject({ kind: 'literal', value: null, valueState: 'erased' });
    expect(JSON.stringify([entity, claim])).not.toMatch(/Secretname|robin\.secret/);
  });
});
