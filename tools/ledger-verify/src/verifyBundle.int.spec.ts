import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ed25519KeyRing, exportBundle, TreeHeadPublisher } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { verifyBundle } from './verifyBundle';

const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
const MAIN = join(__dirname, 'main.ts');

describe('ledger-verify on bundles exported from a real ledger', () => {
  let ctx: LedgerTestContext;
  let root: string;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  const bundles: Record<string, string> = {};

  async function appendAndSign(orgId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += 5) {
      await ctx.ledger.append({
        orgId,
        streamId: `audit-${i % 3}`,
        expectedRevision: 'any',
        events: [0, 1, 2, 3, 4].map(() => ({ type: 'Checked', data: { note: 'line' }, metadata: { actor: 'u-1' } })),
      });
      await ctx.ledger.sequencer.drain();
    }
    await new TreeHeadPublisher({ pool: ctx.writer, keys }).publish(orgId);
  }

  /** A copy of a bundle to tamper with. */
  async function copyOf(name: string): Promise<string> {
    const dir = await mkdtemp(join(root, `${name}-`));
    await cp(bundles[name], dir, { recursive: true });
    return dir;
  }

  async function editLines(dir: string, edit: (lines: string[]) => string[]): Promise<void> {
    const path = join(dir, 'events.jsonl');
    const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1);
    await writeFile(path, `${edit(lines).join('\n')}\n`);
  }

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    root = await mkdtemp(join(tmpdir(), 'ledger-bundles-'));
    await appendAndSign('org-x', 20);
    bundles.older = join(root, 'older');
    await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: bundles.older, keys });
    await appendAndSign('org-x', 20);
    bundles.full = join(root, 'full');
    await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: bundles.full, keys });
    bundles.partial = join(root, 'partial');
    await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: bundles.partial, keys, range: { start: 13, end: 29 } });
    await appendAndSign('org-y', 5);
    bundles.other = join(root, 'other');
    await exportBundle({ pool: ctx.writer, orgId: 'org-y', dir: bundles.other, keys });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await ctx.close();
  });

  it('passes clean bundles: the whole org, a range, and an extension of an older bundle', async () => {
    expect(await verifyBundle(bundles.full)).toEqual({
      ok: true,
      message: 'PASS: org org-x, 40 events [0, 40) in the signed tree of size 40',
    });
    expect((await verifyBundle(bundles.partial)).message).toBe(
      'PASS: org org-x, 16 events [13, 29) in the signed tree of size 40',
    );
    expect((await verifyBundle(bundles.full, { previous: bundles.older })).ok).toBe(true);
    expect((await verifyBundle(bundles.full, { trustedKeys: keys.publicKeys() })).ok).toBe(true);
  });

  it('fails every single-byte change to an event, naming its org_seq', async () => {
    const dir = await copyOf('full');
    const original = await readFile(join(dir, 'events.jsonl'));
    const lineStarts = [0, ...[...original.keys()].filter((i) => original[i] === 0x0a).map((i) => i + 1)];
    for (let at = lineStarts[5]; at < lineStarts[6] - 1; at += 3) {
      const changed = Buffer.from(original);
      changed[at] ^= 0x01;
      await writeFile(join(dir, 'events.jsonl'), changed);
      expect((await verifyBundle(dir)).message).toBe(
        'FAIL: event at org_seq 5 (events.jsonl line 6) does not match its leaf hash',
      );
    }
  });

  it('fails a dropped line and a swapped pair with what happened', async () => {
    const dropped = await copyOf('full');
    await editLines(dropped, (lines) => lines.filter((_, i) => i !== 7));
    expect((await verifyBundle(dropped)).message).toBe('FAIL: event at org_seq 7 is missing (dropped line)');
    const swapped = await copyOf('partial');
    await editLines(swapped, (lines) => [...lines.slice(0, 2), lines[3], lines[2], ...lines.slice(4)]);
    expect((await verifyBundle(swapped)).message).toBe('FAIL: events at org_seq 15 and 16 are swapped');
  });

  it('fails an event changed together with its listed leaf hash against the signed root', async () => {
    const dir = await copyOf('full');
    await editLines(dir, (lines) => lines.map((line, i) => (i === 9 ? line.replace('"line"', '"lime"') : line)));
    const changed = (await readFile(join(dir, 'events.jsonl'), 'utf8')).split('\n')[9];
    const leaves = (await readFile(join(dir, 'leaves.txt'), 'utf8')).split('\n');
    const { createHash } = await import('node:crypto');
    leaves[9] = createHash('sha256').update(Uint8Array.of(0)).update(changed).digest('hex');
    await writeFile(join(dir, 'leaves.txt'), leaves.join('\n'));
    expect((await verifyBundle(dir)).message).toBe('FAIL: the events do not lead to the signed root of tree size 40');
  });

  it('fails a replaced tree head, whether genuinely signed for another size or forged', async () => {
    const older = await copyOf('full');
    await cp(join(bundles.older, 'tree-head.json'), join(older, 'tree-head.json'));
    expect((await verifyBundle(older)).message).toBe(
      'FAIL: tree head (org org-x, size 20) is not the one the manifest names',
    );
    const forged = await copyOf('full');
    const head = JSON.parse(await readFile(join(forged, 'tree-head.json'), 'utf8'));
    await writeFile(join(forged, 'tree-head.json'), JSON.stringify({ ...head, rootHash: 'ab'.repeat(32) }));
    expect((await verifyBundle(forged)).message).toBe('FAIL: tree head: signature does not verify');
  });

  it('fails a changed manifest, untrusted keys, and an unrelated previous bundle', async () => {
    const dir = await copyOf('full');
    const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
    await writeFile(join(dir, 'manifest.json'), manifest.replace('"start":0', '"start":1'));
    expect((await verifyBundle(dir)).message).toBe('FAIL: manifest: signature does not verify');
    const stranger = new Ed25519KeyRing([Ed25519KeyRing.generate('k-other')]);
    expect((await verifyBundle(bundles.full, { trustedKeys: stranger.publicKeys() })).message).toBe(
      'FAIL: manifest: key k1 is not a trusted Ed25519 key',
    );
    expect((await verifyBundle(bundles.full, { previous: bundles.other })).message).toBe(
      'FAIL: previous bundle is of org org-y, not org-x',
    );
    expect((await verifyBundle(bundles.older, { previous: bundles.full })).message).toBe(
      "FAIL: previous bundle's tree (size 40) is larger",
    );
  });

  it('runs as a command: PASS exits 0, FAIL exits 1', async () => {
    const dir = await copyOf('full');
    await editLines(dir, (lines) => lines.slice(0, -1));
    const run = (...args: string[]) =>
      promisify(execFile)(TSX, [MAIN, ...args]).then(
        (out) => ({ code: 0, out: out.stdout.trim() }),
        (failure: { code: number; stdout: string }) => ({ code: failure.code, out: failure.stdout.trim() }),
      );
    const [pass, fail] = await Promise.all([run(bundles.full, '--previous', bundles.older), run(dir)]);
    expect(pass).toEqual({ code: 0, out: 'PASS: org org-x, 40 events [0, 40) in the signed tree of size 40' });
    expect(fail).toEqual({ code: 1, out: 'FAIL: event at org_seq 39 is missing from events.jsonl' });
  });
});
