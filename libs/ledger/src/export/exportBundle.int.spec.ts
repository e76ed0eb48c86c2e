import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installRecordingTracer, type RecordingTracer } from '@ledger/observability/testing';
import { Ed25519KeyRing } from '../signing/ed25519KeyRing';
import { TreeHeadPublisher } from '../signing/treeHeadPublisher';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { exportBundle } from './exportBundle';

describe('exportBundle', () => {
  let ctx: LedgerTestContext;
  let root: string;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  let tracer: RecordingTracer;

  beforeAll(async () => {
    tracer = installRecordingTracer();
    ctx = await createLedgerTestContext({ runSequencer: false });
    root = await mkdtemp(join(tmpdir(), 'ledger-export-'));
    await ctx.ledger.append({
      orgId: 'org-e',
      streamId: 'audit-1',
      expectedRevision: 'any',
      events: [1, 2, 3].map((i) => ({ type: 'Checked', data: { i }, metadata: { actor: 'u-1' } })),
    });
    await ctx.ledger.sequencer.drain();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await ctx.close();
    await tracer.uninstall();
  });

  it('refuses an org without a signed tree head, then a range beyond it', async () => {
    await expect(exportBundle({ pool: ctx.writer, orgId: 'org-e', dir: join(root, 'a'), keys })).rejects.toMatchObject({
      code: 'LEDGER_EXPORT.NO_TREE_HEAD',
    });
    await new TreeHeadPublisher({ pool: ctx.writer, keys }).publish('org-e');
    await expect(
      exportBundle({ pool: ctx.writer, orgId: 'org-e', dir: join(root, 'b'), keys, range: { end: 4 } }),
    ).rejects.toMatchObject({ code: 'LEDGER_EXPORT.BAD_RANGE' });
  });

  it('writes the events as their exact stored canonical bytes, one per line, and lists every file', async () => {
    const dir = join(root, 'c');
    const manifest = await exportBundle({ pool: ctx.writer, orgId: 'org-e', dir, keys });
    const { rows } = await ctx.admin.query<{ canonical: string }>(
      `SELECT e.canonical FROM ledger_log l JOIN ledger_events e ON e.position = l.position
        WHERE l.org_id = 'org-e' ORDER BY l.org_seq`,
    );
    expect(await readFile(join(dir, 'events.jsonl'), 'utf8')).toBe(rows.map((r) => `${r.canonical}\n`).join(''));
    expect(manifest.files.map((f) => f.path).sort()).toEqual([
      'consistency.json',
      'erased.json',
      'events.jsonl',
      'leaves.txt',
      'public-keys.json',
      'range-proof.json',
      'tree-head.json',
    ]);
    expect((await readdir(dir)).sort()).toEqual(
      [...manifest.files.map((f) => f.path), 'manifest.json', 'manifest.sig.json'].sort(),
    );
  });

  it('records each export as a span: the org, the range, the tree and the files, or the refusal’s code', () => {
    const spans = tracer.spans().filter((span) => span.name === 'ledger.export');
    expect(spans.map((span) => span.attributes)).toEqual([
      { 'ledger.org_id': 'org-e', 'error.type': 'LEDGER_EXPORT.NO_TREE_HEAD' },
      { 'ledger.org_id': 'org-e', 'error.type': 'LEDGER_EXPORT.BAD_RANGE' },
      {
        'ledger.org_id': 'org-e',
        'ledger.export.range_start': 0,
        'ledger.export.range_end': 3,
        'ledger.export.tree_size': 3,
        'ledger.export.files': 7,
      },
    ]);
  });
});
