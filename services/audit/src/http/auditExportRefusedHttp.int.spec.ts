import { mkdtemp, rm } from 'node:fs/promises';
import { metrics } from '@opentelemetry/api';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_STORE, SIGNING_KEYS } from '@ledger/host';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import {
  DirectoryCheckpointStore,
  Ed25519KeyRing,
  SIGNING_REFUSED_METRIC,
  TreeHeadPublisher,
  readTreeHeads,
} from '@ledger/ledger';
import { CollectingReader } from '@ledger/observability/testing';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { ProjectionWaiter } from '@ledger/projections';
import { auditService } from '../audit.descriptor';
import { AUDIT_TRAIL_PROJECTION } from '../projection/auditTrailProjection';

/*
 * The app's database stands for one restored to before org-r's head was published: the head in
 * the checkpoint folder was signed over three events of another database (the lost original).
 */
describe('POST /v1/audit/exports after a restore to before a published head', () => {
  let t: HttpTestApp;
  let original: LedgerTestContext;
  let dir: string;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  // The app takes its meters from the global provider, as a process whose telemetry started does.
  const reader = new CollectingReader();

  const exportAs = async (orgId: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/audit/exports',
      headers: {
        authorization: await t.tokenFor('compliance', orgId, 'officer-1'),
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z', reason: 'EX-1' }),
    });

  beforeAll(async () => {
    metrics.setGlobalMeterProvider(reader.provider);
    dir = await mkdtemp(join(tmpdir(), 'audit-http-checkpoints-'));
    const checkpoints = new DirectoryCheckpointStore(dir);
    original = await createLedgerTestContext({ runSequencer: false });
    for (let i = 0; i < 3; i++) {
      await original.ledger.append({
        orgId: 'org-r',
        streamId: 'evidence-d1',
        expectedRevision: 'any',
        events: [{ type: 'DocumentIngested', data: { documentId: `d${i}` }, metadata: { actor: 'adv-1' } }],
      });
    }
    await original.ledger.sequencer.drain();
    await new TreeHeadPublisher({ pool: original.writer, keys, checkpoints }).publish('org-r');
    t = await createHttpTestApp({
      services: [auditService],
      shared: [
        { provide: SIGNING_KEYS, useValue: keys },
        { provide: CHECKPOINT_STORE, useValue: checkpoints },
      ],
    });
    for (const orgId of ['org-r', 'org-a']) {
      const result = await t.ledger.append({
        orgId,
        streamId: 'evidence-d1',
        expectedRevision: 'any',
        events: [{ type: 'DocumentIngested', data: { documentId: 'd0' }, metadata: { actor: 'adv-1' } }],
      });
      await new ProjectionWaiter(t.pool, [AUDIT_TRAIL_PROJECTION]).waitFor(orgId, result.positions);
    }
  });

  afterAll(async () => {
    metrics.disable();
    await t.close();
    await original.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts and logs the refused org from start-up, answers its exports 503 without signing, and exports the others', async () => {
    // The start-up check found org-r before any export was asked for, and said so in one line.
    expect(await reader.points(SIGNING_REFUSED_METRIC)).toEqual([{ attributes: {}, value: 1 }]);
    const refusals = () => t.logLines.filter((line) => line.includes('tree head signing refused'));
    expect(refusals()).toHaveLength(1);
    expect(JSON.parse(refusals()[0])).toMatchObject({
      level: 40,
      orgId: 'org-r',
      status: 'behind',
      treeSize: 0,
      publishedTreeSize: 3,
    });

    const refused = await exportAs('org-r');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 503, code: 'SERVICE.UNAVAILABLE' });
    expect(refused.body).not.toMatch(/Error|restore-fork/);
    expect(await readTreeHeads(t.pool, 'org-r')).toEqual([]);
    const exported = await exportAs('org-a');
    expect(exported.statusCode).toBe(200);
    expect(await reader.points(SIGNING_REFUSED_METRIC)).toEqual([{ attributes: {}, value: 1 }]);
    expect((await new DirectoryCheckpointStore(dir).latest('org-a'))?.treeSize).toBe(1);
  });
});
