import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ed25519KeyRing } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import {
  copyOf,
  editLines,
  exportFixtureBundles,
  PASS_FULL,
  tamperedBundles,
  type FixtureBundles,
  type TamperedBundle,
} from './testing/bundleFixtures';
import { verifyBundle } from './verifyBundle';

const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
const MAIN = join(__dirname, 'main.ts');

describe('ledger-verify on bundles exported from a real ledger', () => {
  let ctx: LedgerTestContext;
  let root: string;
  let bundles: FixtureBundles;
  let tampered: TamperedBundle[];

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    root = await mkdtemp(join(tmpdir(), 'ledger-bundles-'));
    bundles = await exportFixtureBundles(ctx, root);
    tampered = await tamperedBundles(bundles, root);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await ctx.close();
  });

  it('passes clean bundles: the whole org, a range, and an extension of an older bundle', async () => {
    expect(await verifyBundle(bundles.full)).toEqual({ ok: true, message: PASS_FULL });
    expect((await verifyBundle(bundles.partial)).message).toBe(
      'PASS: org org-x, 16 events [13, 29) in the signed tree of size 40',
    );
    expect((await verifyBundle(bundles.full, { previous: bundles.older })).ok).toBe(true);
    expect((await verifyBundle(bundles.full, { trustedKeys: bundles.keys.publicKeys() })).ok).toBe(true);
  });

  it('fails every single-byte change to an event, naming its org_seq', async () => {
    const dir = await copyOf(root, bundles.full, 'byte');
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

  it('fails each tampered bundle with what happened: changed, dropped, swapped or removed events, replaced or forged heads, a changed manifest or listed file', async () => {
    const verdicts = await Promise.all(
      tampered.map(async ({ name, dir }) => [name, (await verifyBundle(dir)).message]),
    );
    expect(Object.fromEntries(verdicts)).toEqual(Object.fromEntries(tampered.map((t) => [t.name, t.verdict])));
  });

  it('fails a line inserted into the events', async () => {
    const dir = await copyOf(root, bundles.full, 'inserted');
    await editLines(dir, (lines) => [...lines.slice(0, 4), lines[10], ...lines.slice(4)]);
    expect((await verifyBundle(dir)).message).toBe('FAIL: an event was inserted at org_seq 4 (events.jsonl line 5)');
  });

  it('fails untrusted keys and an unrelated or larger previous bundle', async () => {
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
    const removed = tampered.find((t) => t.name === 'last-removed')!;
    const run = (...args: string[]) =>
      promisify(execFile)(TSX, [MAIN, ...args]).then(
        (out) => ({ code: 0, out: out.stdout.trim() }),
        (failure: { code: number; stdout: string }) => ({ code: failure.code, out: failure.stdout.trim() }),
      );
    const [pass, fail] = await Promise.all([run(bundles.full, '--previous', bundles.older), run(removed.dir)]);
    expect(pass).toEqual({ code: 0, out: PASS_FULL });
    expect(fail).toEqual({ code: 1, out: removed.verdict });
  });
});
