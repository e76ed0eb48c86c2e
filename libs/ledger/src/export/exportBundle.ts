import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { inSpan } from '@ledger/observability';
import { canonicalJson, leafHashOf } from '../events/canonicalEvent';
import type { JsonObject } from '../events/types';
import { toHex } from '../merkle/hasher';
import { subtreeAddresses } from '../merkle/subtree';
import type { SigningKeyProvider } from '../signing/signingKeys';
import type { SignedTreeHead } from '../signing/treeHead';
import { readTreeHeads } from '../signing/treeHeadStore';
import { PgHashReader } from '../tree/pgHashReader';
import { TreeProofs } from '../tree/treeProofs';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  type BundleManifest,
  type ConsistencyEntry,
  type ErasedEntry,
  type ManifestFile,
  type RangeProofFile,
} from './bundleFormat';
import { ExportError } from './exportError';
import { HashingWriter, hashExistingFile, writeHashedFile } from './hashingWriter';

export interface ExportBundleOptions {
  pool: Pool;
  orgId: string;
  /** Directory to write the bundle into (created if missing). */
  dir: string;
  /** Signs the manifest and supplies the public keys exported with it. */
  keys: SigningKeyProvider;
  /** Events [start, end) by org_seq; default: every event under the latest signed tree head. */
  range?: { start?: number; end?: number };
  now?: () => Date;
  batchSize?: number;
  /**
   * Names of further files the caller has already written into `dir` (such as the audit
   * service's filtered views of the events): hashed here and listed, so signed, in the manifest
   * beside the format's own files. Plain file names only, none of the format's own.
   */
  extraFiles?: readonly string[];
}

/** Earlier signed sizes a bundle carries consistency proofs from (the most recent ones). */
const MAX_CONSISTENCY_PROOFS = 256;

/**
 * Writes an org's audit bundle (contracts/audit-export.md): its events in a range, proved
 * against the latest signed tree head, with the public keys and a signed manifest. Events are
 * streamed a page at a time, so memory stays constant however large the range.
 */
export async function exportBundle(options: ExportBundleOptions): Promise<BundleManifest> {
  return inSpan('@ledger/ledger', 'ledger.export', { 'ledger.org_id': options.orgId }, async (span) => {
    const manifest = await exportBundleInSpan(options);
    span.setAttributes({
      'ledger.export.range_start': manifest.range.start,
      'ledger.export.range_end': manifest.range.end,
      'ledger.export.tree_size': manifest.treeSize,
      'ledger.export.files': manifest.files.length,
    });
    return manifest;
  });
}

async function exportBundleInSpan(options: ExportBundleOptions): Promise<BundleManifest> {
  const { pool, orgId, dir } = options;
  checkExtraFileNames(options.extraFiles ?? []);
  const heads = await readTreeHeads(pool, orgId);
  const head = heads[heads.length - 1];
  if (!head) throw new ExportError('LEDGER_EXPORT.NO_TREE_HEAD', `org ${orgId} has no signed tree head yet`);
  const range = { start: options.range?.start ?? 0, end: options.range?.end ?? head.treeSize };
  if (!(range.start >= 0 && range.start <= range.end && range.end <= head.treeSize)) {
    throw new ExportError(
      'LEDGER_EXPORT.BAD_RANGE',
      `range [${range.start}, ${range.end}) is not within the signed tree`,
    );
  }
  await mkdir(dir, { recursive: true });
  const files = [
    ...(await writeEvents(pool, orgId, dir, range, options.batchSize ?? 1000)),
    await writeHashedFile(dir, BUNDLE_FILES.treeHead, canonicalJson({ ...head })),
    await writeHashedFile(
      dir,
      BUNDLE_FILES.publicKeys,
      canonicalJson(options.keys.publicKeys() as unknown as JsonObject[]),
    ),
    await writeHashedFile(
      dir,
      BUNDLE_FILES.rangeProof,
      canonicalJson((await rangeProof(pool, head, range)) as unknown as JsonObject),
    ),
    await writeHashedFile(dir, BUNDLE_FILES.consistency, canonicalJson(await consistencyEntries(pool, head, heads))),
    ...(await hashExtraFiles(dir, options.extraFiles ?? [])),
  ];
  const createdAt = (options.now?.() ?? new Date()).toISOString();
  const manifest: BundleManifest = { format: BUNDLE_FORMAT, orgId, range, treeSize: head.treeSize, createdAt, files };
  const manifestText = canonicalJson(manifest as unknown as JsonObject);
  await writeHashedFile(dir, BUNDLE_FILES.manifest, manifestText);
  const key = options.keys.signingKey(new Date(createdAt));
  const signature = toHex(key.sign(Buffer.from(manifestText, 'utf8')));
  await writeHashedFile(dir, BUNDLE_FILES.manifestSignature, canonicalJson({ keyId: key.keyId, signature }));
  return manifest;
}

const PAGE_SQL = `
SELECT l.org_seq, e.canonical, e.leaf_hash, e.stream_id, k.shredded_at IS NOT NULL AS shredded
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
  LEFT JOIN ledger_stream_keys k ON k.org_id = e.org_id AND k.stream_id = e.stream_id
 WHERE l.org_id = $1 AND l.org_seq >= $2 AND l.org_seq < $3
 ORDER BY l.org_seq LIMIT $4`;

interface PageRow {
  org_seq: string;
  canonical: string;
  leaf_hash: Buffer;
  stream_id: string;
  shredded: boolean;
}

/**
 * events.jsonl and leaves.txt, side by side, and erased.json marking the events whose personal
 * part was shredded (their bytes are unchanged); refuses to export a gap or a row that fails its hash.
 */
async function writeEvents(
  pool: Pool,
  orgId: string,
  dir: string,
  range: { start: number; end: number },
  batchSize: number,
): Promise<ManifestFile[]> {
  const events = new HashingWriter(join(dir, BUNDLE_FILES.events), BUNDLE_FILES.events);
  const leaves = new HashingWriter(join(dir, BUNDLE_FILES.leaves), BUNDLE_FILES.leaves);
  const erased: ErasedEntry[] = [];
  for (let next = range.start; next < range.end;) {
    const { rows } = await pool.query<PageRow>(PAGE_SQL, [orgId, next, range.end, batchSize]);
    for (const row of rows) {
      const seq = Number(row.org_seq);
      if (seq !== next || !leafHashOf(row.canonical).equals(row.leaf_hash)) {
        throw new ExportError('LEDGER_EXPORT.DAMAGED', `org ${orgId} fails verification at org_seq ${next}`);
      }
      if (row.shredded && (JSON.parse(row.canonical) as { personal: unknown }).personal !== null) {
        erased.push({ orgSeq: seq, streamId: row.stream_id, personal: 'shredded' });
      }
      await events.write(`${row.canonical}\n`);
      await leaves.write(`${row.leaf_hash.toString('hex')}\n`);
      next++;
    }
    if (rows.length === 0)
      throw new ExportError('LEDGER_EXPORT.DAMAGED', `org ${orgId} has no event at org_seq ${next}`);
  }
  return [
    await events.close(),
    await leaves.close(),
    await writeHashedFile(dir, BUNDLE_FILES.erased, canonicalJson(erased as unknown as JsonObject[])),
  ];
}

async function rangeProof(
  pool: Pool,
  head: SignedTreeHead,
  range: { start: number; end: number },
): Promise<RangeProofFile> {
  const trees = new TreeProofs(pool);
  const reader = new PgHashReader(pool, head.orgId, await trees.treeSize(head.orgId));
  const leftEdge = await reader.readHashes(subtreeAddresses({ start: 0, end: range.start }));
  const proof = await trees.consistencyProof(head.orgId, range.end, head.treeSize);
  if (toHex(proof.toRoot) !== head.rootHash) {
    throw new ExportError('LEDGER_EXPORT.DAMAGED', `stored tree of org ${head.orgId} disagrees with its signed head`);
  }
  return {
    start: range.start,
    end: range.end,
    treeSize: head.treeSize,
    leftEdge: leftEdge.map(toHex),
    consistency: proof.path.map(toHex),
  };
}

/** Proofs from each earlier signed size (the most recent ones) to the exported head. */
async function consistencyEntries(
  pool: Pool,
  head: SignedTreeHead,
  heads: readonly SignedTreeHead[],
): Promise<JsonObject[]> {
  const trees = new TreeProofs(pool);
  const earlier = new Map(heads.filter((h) => h.treeSize < head.treeSize).map((h) => [h.treeSize, h.rootHash]));
  const sizes = [...earlier.keys()].sort((a, b) => a - b).slice(-MAX_CONSISTENCY_PROOFS);
  const entries: ConsistencyEntry[] = [];
  for (const fromSize of sizes) {
    const proof = await trees.consistencyProof(head.orgId, fromSize, head.treeSize);
    entries.push({ fromSize, fromRoot: earlier.get(fromSize)!, proof: proof.path.map(toHex) });
  }
  return entries as unknown as JsonObject[];
}

const FORMAT_FILE_NAMES = new Set<string>(Object.values(BUNDLE_FILES));

function checkExtraFileNames(names: readonly string[]): void {
  for (const name of names) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) || FORMAT_FILE_NAMES.has(name)) {
      throw new ExportError('LEDGER_EXPORT.BAD_EXTRA_FILE', `${name} cannot be added to a bundle`);
    }
  }
  if (new Set(names).size !== names.length) throw new ExportError('LEDGER_EXPORT.BAD_EXTRA_FILE', 'duplicate file');
}

async function hashExtraFiles(dir: string, names: readonly string[]): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const name of names) files.push(await hashExistingFile(dir, name));
  return files;
}
