import type { ProjectionDefinition } from '@ledger/projections';
import { contextFor, createAuditTestContext, event, type AuditTestContext } from '../testing/auditTestContext';
import { AUDIT_TRAIL_PROJECTION } from '../projection/auditTrailProjection';
import { projectionsStatus, rebuildProjection, resumeProjection, skipProjectionEvent } from './projectionAdmin.handler';
import { queryTrail } from '../query-trail/queryTrail.handler';

/** A projection that fails on `Poison` events, to drive resume and skip. */
const POISONABLE = 'audit.poisonable';
const poisonable: ProjectionDefinition = {
  name: POISONABLE,
  version: 1,
  prefix: 'audit_',
  tables: [
    {
      name: 'audit_test_counts',
      key: { scope: 'text' },
      columns: { n: 'bigint' },
      notNull: ['n'],
      defaults: { n: 0 },
    },
  ],
  handlers: {
    Counted: (_event, tx) => tx.increment('audit_test_counts', { scope: 'all' }, { n: 1 }),
    Poison: () => {
      throw new TypeError('poisoned');
    },
  },
};

describe('projection admin', () => {
  let t: AuditTestContext;
  const operator = contextFor('org-p', 'operator', 'oncall-1');

  const statusOf = async (orgId: string, name: string) =>
    (await projectionsStatus(t.deps, contextFor(orgId, 'operator'))).find((s) => s.projection === name);

  const waitForStatus = async (orgId: string, name: string, status: string) => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if ((await statusOf(orgId, name))?.status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${name} for ${orgId} never became ${status}`);
  };

  beforeAll(async () => {
    t = await createAuditTestContext([poisonable]);
    await t.record('org-p', 'demo-1', [event('Counted', 'adv-1'), event('Counted', 'adv-1')]);
    await t.record('org-q', 'demo-1', [event('Counted', 'adv-1')]);
  });

  afterAll(() => t.close());

  it('shows every projection of the token org, and only that org', async () => {
    const statuses = await projectionsStatus(t.deps, operator);
    expect(statuses.map((s) => [s.projection, s.orgId, s.status])).toEqual([
      [POISONABLE, 'org-p', 'running'],
      [AUDIT_TRAIL_PROJECTION, 'org-p', 'running'],
    ]);
    expect(statuses.find((s) => s.projection === AUDIT_TRAIL_PROJECTION)).toMatchObject({
      checkpoint: 1,
      head: 1,
      lagEvents: 0,
      failure: null,
    });
  });

  it('rebuilds one projection for the org into a new generation; the trail reads the same', async () => {
    const before = await queryTrail(t.deps, operator, {});
    const result = await rebuildProjection(t.deps, operator, AUDIT_TRAIL_PROJECTION);
    expect(result).toMatchObject({ projection: AUDIT_TRAIL_PROJECTION, orgId: 'org-p', outcome: 'switched' });
    expect(result.generation).toBeGreaterThan(result.previousGeneration);
    const after = await queryTrail(t.deps, operator, { type: 'Counted' });
    expect(after.items).toEqual(before.items);
    expect(await statusOf('org-p', AUDIT_TRAIL_PROJECTION)).toMatchObject({ activeGeneration: result.generation });
    expect(await statusOf('org-q', AUDIT_TRAIL_PROJECTION)).toMatchObject({ activeGeneration: 1 });
    // The library audits the rebuild in the org's ledger, with the operator as actor.
    await t.settle('org-p');
    const audit = await queryTrail(t.deps, operator, { streamId: 'audit-projections' });
    expect(audit.items.map((item) => [item.type, item.actor])).toEqual([
      ['ProjectionRebuildStarted', 'oncall-1'],
      ['ProjectionRebuildFinished', 'oncall-1'],
    ]);
  });

  it('refuses an unknown projection and a resume of a projection that is not failed', async () => {
    await expect(rebuildProjection(t.deps, operator, 'nope.nothing')).rejects.toMatchObject({
      code: 'AUDIT.PROJECTION_NOT_FOUND',
    });
    await expect(resumeProjection(t.deps, operator, POISONABLE)).rejects.toMatchObject({
      code: 'AUDIT.ALREADY_RUNNING',
    });
  });

  it('resumes and skips a failed event, for the token org only', async () => {
    await t.ledger.append({
      orgId: 'org-p',
      streamId: 'demo-1',
      expectedRevision: 'any',
      events: [event('Poison', 'adv-1'), event('Counted', 'adv-1')],
    });
    await waitForStatus('org-p', POISONABLE, 'failed');
    const failed = await statusOf('org-p', POISONABLE);
    expect(failed?.failure).toMatchObject({ eventType: 'Poison', error: 'TypeError' });
    const failedSeq = failed!.failure!.seq;
    expect((await statusOf('org-q', POISONABLE))?.status).toBe('running');

    expect(await resumeProjection(t.deps, operator, POISONABLE)).toEqual({ retrySeq: failedSeq });
    await waitForStatus('org-p', POISONABLE, 'failed');

    await expect(
      skipProjectionEvent(t.deps, operator, POISONABLE, { reason: 'bad', expectedSeq: failedSeq + 1 }),
    ).rejects.toMatchObject({ code: 'AUDIT.FAILED_SEQ_CONFLICT' });
    await expect(skipProjectionEvent(t.deps, operator, POISONABLE, { reason: ' ' })).rejects.toMatchObject({
      code: 'AUDIT.REASON_REQUIRED',
    });
    await expect(
      skipProjectionEvent(t.deps, contextFor('org-q', 'operator'), POISONABLE, { reason: 'not failed here' }),
    ).rejects.toMatchObject({ code: 'AUDIT.ALREADY_RUNNING' });
    const skipped = await skipProjectionEvent(t.deps, operator, POISONABLE, {
      reason: 'INC-12 poison event',
      expectedSeq: failedSeq,
    });
    expect(skipped).toMatchObject({ skippedSeq: failedSeq });
    await waitForStatus('org-p', POISONABLE, 'running');
    // The skip's audit event reaches the trail through the live projection, a moment later.
    await t.settle('org-p');
    const trail = await queryTrail(t.deps, operator, { streamId: 'audit-projections', type: 'ProjectionSkipped' });
    expect(trail.items.map((item) => item.actor)).toEqual(['oncall-1']);
  });
});
