import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ed25519KeyRing, exportBundle, TreeHeadPublisher } from '@ledger/ledger';
import type { LedgerTestContext } from '@ledger/ledger/testing';

/** Bundles exported from a real ledger: org-x with 20 events, then 40; a range of it; org-y. */
export interface FixtureBundles {
  keys: Ed25519KeyRing;
  /** org-x at 20 events, an earlier export of `full`'s tree. */
  older: string;
  /** org-x, every event [0, 40). */
  full: string;
  /** org-x, the range [13, 29) of the same tree. */
  partial: string;
  /** org-y, 5 events. */
  other: string;
}

export const PASS_FULL = 'PASS: org org-x, 40 events [0, 40) in the signed tree of size 40';

async function appendAndSign(ctx: LedgerTestContext, keys: Ed25519KeyRing, orgId: string, count: number) {
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

/** Exports the fixture bundles as folders under `root`; `ctx` must run without its sequencer. */
export async function exportFixtureBundles(ctx: LedgerTestContext, root: string): Promise<FixtureBundles> {
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  const bundles = { keys, older: '', full: '', partial: '', other: '' };
  await appendAndSign(ctx, keys, 'org-x', 20);
  bundles.older = join(root, 'older');
  await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: bundles.older, keys });
  await appendAndSign(ctx, keys, 'org-x', 20);
  bundles.full = join(root, 'full');
  await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: bundles.full, keys });
  bundles.partial = join(root, 'partial');
  await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: bundles.partial, keys, range: { start: 13, end: 29 } });
  await appendAndSign(ctx, keys, 'org-y', 5);
  bundles.other = join(root, 'other');
  await exportBundle({ pool: ctx.writer, orgId: 'org-y', dir: bundles.other, keys });
  return bundles;
}

/** A copy of a bundle folder to tamper with, under `root`. */
export async function copyOf(root: string, dir: string, name: string): Promise<string> {
  const copy = await mkdtemp(join(root, `${name}-`));
  await cp(dir, copy, { recursive: true });
  return copy;
}

export async function editLines(dir: string, edit: (lines: string[]) => string[]): Promise<void> {
  const path = join(dir, 'events.jsonl');
  const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1);
  await writeFile(path, `${edit(lines).join('\n')}\n`);
}

/** A tampered copy of a fixture bundle and the one line every verifier must answer it with. */
export interface TamperedBundle {
  name: string;
  dir: string;
  verdict: string;
}

/**
 * The ways a bundle gets tampered with, each a folder under `root`: a changed event, a dropped,
 * swapped or removed line, an event changed with its leaf hash, a replaced or forged tree head, a
 * changed manifest, and a changed file the manifest lists.
 */
export async function tamperedBundles(bundles: FixtureBundles, root: string): Promise<TamperedBundle[]> {
  const made: TamperedBundle[] = [];
  const variant = async (name: string, from: string, verdict: string, tamper: (dir: string) => Promise<void>) => {
    const dir = await copyOf(root, from, name);
    await tamper(dir);
    made.push({ name, dir, verdict });
  };
  await variant(
    'changed-byte',
    bundles.full,
    'FAIL: event at org_seq 5 (events.jsonl line 6) does not match its leaf hash',
    (dir) => editLines(dir, (lines) => lines.map((line, i) => (i === 5 ? line.replace('"line"', '"lime"') : line))),
  );
  await variant('dropped-line', bundles.full, 'FAIL: event at org_seq 7 is missing (dropped line)', (dir) =>
    editLines(dir, (lines) => lines.filter((_, i) => i !== 7)),
  );
  await variant('swapped-pair', bundles.partial, 'FAIL: events at org_seq 15 and 16 are swapped', (dir) =>
    editLines(dir, (lines) => [...lines.slice(0, 2), lines[3], lines[2], ...lines.slice(4)]),
  );
  await variant('last-removed', bundles.full, 'FAIL: event at org_seq 39 is missing from events.jsonl', (dir) =>
    editLines(dir, (lines) => lines.slice(0, -1)),
  );
  await variant(
    'event-and-leaf',
    bundles.full,
    'FAIL: the events do not lead to the signed root of tree size 40',
    async (dir) => {
      await editLines(dir, (lines) => lines.map((line, i) => (i === 9 ? line.replace('"line"', '"lime"') : line)));
      const changed = (await readFile(join(dir, 'events.jsonl'), 'utf8')).split('\n')[9];
      const leaves = (await readFile(join(dir, 'leaves.txt'), 'utf8')).split('\n');
      leaves[9] = createHash('sha256').update(Uint8Array.of(0)).update(changed).digest('hex');
      await writeFile(join(dir, 'leaves.txt'), leaves.join('\n'));
    },
  );
  await variant(
    'older-head',
    bundles.full,
    'FAIL: tree head (org org-x, size 20) is not the one the manifest names',
    (dir) => cp(join(bundles.older, 'tree-head.json'), join(dir, 'tree-head.json')),
  );
  await variant('forged-head', bundles.full, 'FAIL: tree head: signature does not verify', async (dir) => {
    const head = JSON.parse(await readFile(join(dir, 'tree-head.json'), 'utf8'));
    await writeFile(join(dir, 'tree-head.json'), JSON.stringify({ ...head, rootHash: 'ab'.repeat(32) }));
  });
  await variant('changed-manifest', bundles.full, 'FAIL: manifest: signature does not verify', async (dir) => {
    const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
    await writeFile(join(dir, 'manifest.json'), manifest.replace('"start":0', '"start":1'));
  });
  await variant(
    'changed-listed-file',
    bundles.full,
    'FAIL: consistency.json does not match its SHA-256 in the manifest',
    async (dir) => {
      await writeFile(join(dir, 'consistency.json'), '[]');
    },
  );
  return made;
}
