import { Ed25519KeyRing, TreeHeadPublisher } from '@ledger/ledger';
import { overwriteActor, tamper } from '@ledger/ledger/testing';
import { contextFor, createAuditTestContext, event, type AuditTestContext } from '../testing/auditTestContext';
import { verifyLedger } from './verifyLedger.handler';

describe('verifyLedger', () => {
  let t: AuditTestContext;
  const seed = async (orgId: string) => {
    for (let i = 0; i < 6; i++) await t.record(orgId, `claim-c${i}`, [event('ClaimAsserted', 'adv-1', { i })]);
    await new TreeHeadPublisher({ pool: t.pool, keys: t.signingKeys }).publish(orgId);
  };

  beforeAll(async () => {
    t = await createAuditTestContext();
    await seed('org-clean');
    await seed('org-bad');
  });

  afterAll(() => t.close());

  it('reports ok for a clean org: every event and tree head checked', async () => {
    expect(await verifyLedger(t.deps, contextFor('org-clean', 'compliance'))).toEqual({
      orgId: 'org-clean',
      ok: true,
      events: 6,
      treeHeads: 1,
      findings: [],
      truncated: false,
    });
  });

  it('reports a tampered row at its exact org_seq, for the token org only', async () => {
    await tamper(t.admin, (db) => overwriteActor(db, 'org-bad', 2, 'mallory'));
    const report = await verifyLedger(t.deps, contextFor('org-bad', 'operator'));
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([{ kind: 'modified', orgSeq: 2, reason: 'column_mismatch:actor' }]);
    expect((await verifyLedger(t.deps, contextFor('org-clean', 'operator'))).ok).toBe(true);
  });

  it('trusts only the configured keys: a head signed by another key is reported as forged', async () => {
    const stranger = new Ed25519KeyRing([Ed25519KeyRing.generate('stranger')]);
    await t.record('org-clean', 'claim-more', [event('ClaimAsserted', 'adv-1')]);
    await new TreeHeadPublisher({ pool: t.pool, keys: stranger }).publish('org-clean');
    const report = await verifyLedger(t.deps, contextFor('org-clean', 'compliance'));
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([{ kind: 'forged_tree_head', treeSize: 7, reason: 'unknown_key' }]);
  });
});
