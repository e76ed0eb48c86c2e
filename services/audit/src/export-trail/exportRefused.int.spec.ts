import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryCheckpointStore, TreeHeadPublisher, readTreeHeads } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { AuditApp } from '../audit.app';
import { contextFor, createAuditTestContext, event, tick, type AuditTestContext } from '../testing/auditTestContext';

/*
 * The audit database stands for one restored to before heads were published: the checkpoint
 * folder holds a head of org-r signed over more events than it has (published from another
 * database: the lost original), and one of org-ok published from this database.
 */
describe('exports of an org whose database is behind its published head', () => {
  let t: AuditTestContext;
  let original: LedgerTestContext;
  let dir: string;
  let app: AuditApp;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-checkpoints-'));
    const checkpoints = new DirectoryCheckpointStore(dir);
    [t, original] = await Promise.all([createAuditTestContext(), createLedgerTestContext({ runSequencer: false })]);
    for (let i = 0; i < 4; i++) {
      await original.ledger.append({
        orgId: 'org-r',
        streamId: 'evidence-d1',
        expectedRevision: 'any',
        events: [event('DocumentIngested', 'adv-1', { documentId: `d${i}` })],
      });
    }
    await original.ledger.sequencer.drain();
    await new TreeHeadPublisher({ pool: original.writer, keys: t.signingKeys, checkpoints }).publish('org-r');
    await t.record('org-r', 'evidence-d1', [event('DocumentIngested', 'adv-1', { documentId: 'd0' })]);
    await t.record('org-ok', 'evidence-d1', [event('DocumentIngested', 'adv-1', { documentId: 'd0' })]);
    const treeHeads = new TreeHeadPublisher({ pool: t.pool, keys: t.signingKeys, checkpoints });
    app = new AuditApp({ ...t.deps, treeHeads });
  });

  afterAll(async () => {
    await t.close();
    await original.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the refused org at start-up, refuses its export before anything is written, and exports the others', async () => {
    expect((await app.checkPublishedHeads()).map((c) => [c.orgId, c.status, c.treeSize])).toEqual([
      ['org-r', 'behind', 1],
    ]);
    const request = { from: new Date(0).toISOString(), to: (await tick()).toISOString(), reason: 'EX-1' };
    await expect(app.exportTrail(contextFor('org-r', 'compliance'), request)).rejects.toMatchObject({
      code: 'LEDGER.TREE_HEAD_REFUSED',
      details: { orgId: 'org-r', status: 'behind', treeSize: 1, publishedTreeSize: 4 },
    });
    expect(await readTreeHeads(t.pool, 'org-r')).toEqual([]);

    const exported = await app.exportTrail(contextFor('org-ok', 'compliance'), request);
    exported.archive.resume();
    expect(exported.treeSize).toBe(1);
    expect((await new DirectoryCheckpointStore(dir).latest('org-ok'))?.treeSize).toBe(1);
  });
});
