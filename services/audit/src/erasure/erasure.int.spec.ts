import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { erasureCertificateText, exportBundle, Retention, verifyOrg, type RecordedEvent } from '@ledger/ledger';
import { rebuildProjection } from '../projection-admin/projectionAdmin.handler';
import { AUDIT_TRAIL_PROJECTION } from '../projection/auditTrailProjection';
import { queryTrail } from '../query-trail/queryTrail.handler';
import { createAuditTestContext, contextFor, type AuditTestContext } from '../testing/auditTestContext';
import { CLIENT_SECRETS, seedClient } from '../testing/erasureFixture';
import { verifyCertificateOffline, verifyOffline } from '../testing/offlineVerifier';
import { carryOutDueErasures, readErasure, requestErasure, type ErasureDeps } from './erasure.handler';
import { ERASURE_CARRIED_OUT, ERASURE_REQUESTED, erasureStreamId } from './erasureEvents';
import { erasureView } from './erasureView';

describe('erasure requests on a real ledger', () => {
  let t: AuditTestContext;
  let deps: ErasureDeps;
  let root: string;
  let retention: Retention;
  let clock = new Date();
  const compliance = contextFor('org-a', 'compliance');
  let requestId: string;
  let holdId: string;
  /** When the evidence streams' retention ends: their last event plus the class's 60 months. */
  let retainedUntil: string;

  const personalOf = async (orgId: string, streamId: string): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of t.ledger.readStream(orgId, streamId, { personal: 'decrypt' })) events.push(event);
    return events;
  };
  const states = async (orgId: string, streamId: string) =>
    (await personalOf(orgId, streamId)).map((e) => e.personalState);

  beforeAll(async () => {
    t = await createAuditTestContext();
    root = await mkdtemp(join(tmpdir(), 'audit-erasure-'));
    retention = new Retention({ pool: t.pool, ledger: t.ledger });
    deps = { ledger: t.ledger, pool: t.pool, signingKeys: t.signingKeys, guard: retention, now: () => clock };
    await seedClient(t.ledger, 'org-a');
    await seedClient(t.ledger, 'org-b');
    await t.settle('org-a');
    const reason = 'policy';
    await retention.setClass('org-a', { category: 'evidence', regulation: 'advisers-204-2', actor: 'cco-1', reason });
    const hold = await retention.placeHold('org-a', {
      scope: { kind: 'stream', streamId: 'brief-b1' },
      actor: 'cco-1',
      reason,
    });
    holdId = hold.holdId;
    const until = await retention.coverage('org-a', 'evidence-d3', clock);
    retainedUntil = until.retainedUntil!.toISOString();
    clock = new Date();
    const view = await requestErasure(deps, compliance, { entityId: 'e1' });
    requestId = view.requestId;
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await t.close();
  });

  it('finds every stream of the client, erases the free ones now and records the legal basis of the rest', async () => {
    const view = erasureView(await readErasure(deps, compliance, requestId));
    expect(view).toMatchObject({ entityId: 'e1', status: 'pending', dueAt: null, requestedAt: clock.toISOString() });
    const retained = (streamId: string) => [streamId, 'retain', 'GDPR Art. 17(3)(b)', expect.any(String), []];
    expect(view.streams.map((s) => [s.streamId, s.decision, s.legalBasis, s.retainedUntil, s.heldBy])).toEqual([
      ['brief-b1', 'hold', 'GDPR Art. 17(3)(e)', null, [holdId]],
      ['claim-c1', 'erase', null, null, []],
      ['entity-e1', 'erase', null, null, []],
      retained('evidence-d1'),
      retained('evidence-d2'),
      retained('evidence-d3'),
    ]);
    expect(view.streams.find((s) => s.streamId === 'evidence-d3')?.retainedUntil).toBe(retainedUntil);
    for (const streamId of ['claim-c1', 'entity-e1']) {
      // A mention seals nothing ('none'); every sealed part is erased.
      expect(await states('org-a', streamId)).toContain('erased');
      expect(await states('org-a', streamId)).not.toContain('present');
    }
    for (const streamId of ['evidence-d1', 'evidence-d2', 'evidence-d3']) {
      expect(await states('org-a', streamId)).toEqual(['present', 'present']);
    }
    expect(await states('org-a', 'brief-b1')).toEqual(['present']);
    // Another client of the org, and the same ids in another org, are untouched.
    for (const streamId of ['entity-e2', 'claim-c2', 'evidence-d9']) {
      expect(new Set(await states('org-a', streamId))).toEqual(new Set(['present']));
    }
    expect(await states('org-b', 'entity-e1')).toEqual(['present', 'none']);

    const recorded = await personalOf('org-a', erasureStreamId(requestId));
    expect(recorded.map((e) => [e.type, e.metadata.actor])).toEqual([
      [ERASURE_REQUESTED, 'compliance-1'],
      [ERASURE_CARRIED_OUT, 'compliance-1'],
    ]);
    expect(recorded[0].data).toMatchObject({
      entityId: 'e1',
      streams: expect.arrayContaining([
        {
          streamId: 'evidence-d2',
          decision: 'retain',
          legalBasis: 'GDPR Art. 17(3)(b)',
          retainedUntil: expect.any(String),
        },
        { streamId: 'brief-b1', decision: 'hold', legalBasis: 'GDPR Art. 17(3)(e)', heldBy: [holdId] },
      ]),
    });
  });

  it('issues a certificate that passes the offline verifier, and a tampered one fails', async () => {
    const state = await readErasure(deps, compliance, requestId);
    const [{ certificate }] = state.carriedOut;
    expect(certificate.streams.map((s) => s.streamId)).toEqual(['claim-c1', 'entity-e1']);
    expect(certificate.streams.every((s) => /^[0-9a-f]{64}$/.test(s.dataKeyId ?? ''))).toBe(true);
    const text = erasureCertificateText(certificate);
    expect(await verifyCertificateOffline(text, { trustedKeys: t.signingKeys.publicKeys() })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^PASS: erasure certificate /),
    });
    const tampered = text.replace('"streamId":"entity-e1"', '"streamId":"entity-e2"');
    expect(await verifyCertificateOffline(tampered)).toEqual({
      ok: false,
      message: 'FAIL: certificate: signature does not verify',
    });
  });

  it('carries out nothing before it is due, then what retention released, then what the hold released', async () => {
    clock = new Date(Date.parse(retainedUntil) - 1000);
    expect(await carryOutDueErasures(deps, 'org-a', clock)).toEqual([]);
    clock = new Date(retainedUntil);
    const [retained] = await carryOutDueErasures(deps, 'org-a', clock);
    expect(retained.certificate.streams.map((s) => s.streamId)).toEqual(['evidence-d1', 'evidence-d2', 'evidence-d3']);
    for (const streamId of ['evidence-d1', 'evidence-d2', 'evidence-d3']) {
      expect(await states('org-a', streamId)).toEqual(['erased', 'erased']);
    }
    expect(await states('org-a', 'evidence-d9')).toEqual(['present', 'present']);
    expect(await states('org-a', 'brief-b1')).toEqual(['present']);
    expect(erasureView(await readErasure(deps, compliance, requestId)).status).toBe('pending');

    await retention.releaseHold('org-a', holdId, { actor: 'cco-1', reason: 'matter closed' });
    const [released] = await carryOutDueErasures(deps, 'org-a', clock);
    expect(released.certificate.streams.map((s) => s.streamId)).toEqual(['brief-b1']);
    expect(await carryOutDueErasures(deps, 'org-a', clock)).toEqual([]);
    const view = erasureView(await readErasure(deps, compliance, requestId));
    expect(view.status).toBe('erased');
    expect(view.certificateIds).toHaveLength(3);
    const recorded = await personalOf('org-a', erasureStreamId(requestId));
    expect(recorded.map((e) => [e.type, e.metadata.actor])).toEqual([
      [ERASURE_REQUESTED, 'compliance-1'],
      [ERASURE_CARRIED_OUT, 'compliance-1'],
      [ERASURE_CARRIED_OUT, 'erasure-sweeper'],
      [ERASURE_CARRIED_OUT, 'erasure-sweeper'],
    ]);
    expect(recorded[2].data).toMatchObject({ carriedOutAt: retainedUntil });
    for (const { certificate } of [retained, released]) {
      expect((await verifyCertificateOffline(erasureCertificateText(certificate))).ok).toBe(true);
    }
  });

  it('spares a stream a hold placed after the decision covers, when the keys are destroyed', async () => {
    const hold = await retention.placeHold('org-a', {
      scope: { kind: 'stream', streamId: 'entity-e2' },
      actor: 'cco-1',
      reason: 'new matter',
    });
    const outcome = await t.ledger.eraseStreams('org-a', ['entity-e2', 'claim-c2']);
    expect(outcome.erased.map((s) => s.streamId)).toEqual(['claim-c2']);
    expect([...outcome.held]).toEqual([['entity-e2', [hold.holdId]]]);
    expect(await states('org-a', 'entity-e2')).toEqual(['present']);
  });

  it('leaves the ledger verifying, and a bundle exported after verifies with the erased events marked', async () => {
    await t.settle('org-a');
    const report = await verifyOrg({ pool: t.pool, orgId: 'org-a', publicKeys: t.signingKeys.publicKeys() });
    expect(report.ok).toBe(true);
    const dir = join(root, 'bundle');
    await exportBundle({ pool: t.pool, orgId: 'org-a', dir, keys: t.signingKeys });
    expect(await verifyOffline(dir, { trustedKeys: t.signingKeys.publicKeys() })).toMatchObject({ ok: true });
    const erased = JSON.parse(await readFile(join(dir, 'erased.json'), 'utf8')) as { streamId: string }[];
    expect([...new Set(erased.map((e) => e.streamId))].sort()).toEqual([
      'brief-b1',
      'claim-c1',
      'claim-c2',
      'entity-e1',
      'evidence-d1',
      'evidence-d2',
      'evidence-d3',
    ]);
    const events = await readFile(join(dir, 'events.jsonl'), 'utf8');
    for (const secret of CLIENT_SECRETS) expect(events).not.toContain(secret);
  });

  it('a trail projection rebuilt after the erasure holds no personal data, and still lists who did what', async () => {
    await rebuildProjection(t.deps, contextFor('org-a', 'operator'), AUDIT_TRAIL_PROJECTION);
    const { rows } = await t.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'audit\\_%'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { table_name } of rows) {
      const dump = await t.pool.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
      for (const secret of CLIENT_SECRETS) expect(dump.rows.filter((r) => r.row.includes(secret))).toEqual([]);
    }
    const page = await queryTrail(t.deps, compliance, { streamId: 'entity-e1' });
    expect(page.items.map((e) => [e.type, e.actor])).toEqual([
      ['EntityCreated', 'adv-1'],
      ['MentionAdded', 'adv-1'],
    ]);
  });

  it('refuses an unknown client, a malformed id, and another org reading the request', async () => {
    await expect(requestErasure(deps, compliance, { entityId: 'e404' })).rejects.toMatchObject({
      code: 'AUDIT.ENTITY_NOT_FOUND',
      details: { field: 'entityId' },
    });
    await expect(requestErasure(deps, compliance, { entityId: 'bad id' })).rejects.toMatchObject({
      code: 'AUDIT.INVALID_FIELD',
      details: { field: 'entityId' },
    });
    await expect(readErasure(deps, contextFor('org-b', 'compliance'), requestId)).rejects.toMatchObject({
      code: 'AUDIT.ERASURE_NOT_FOUND',
    });
    expect(await carryOutDueErasures(deps, 'org-b', clock)).toEqual([]);
    expect(await states('org-b', 'evidence-d1')).toEqual(['present', 'present']);
  });
});
