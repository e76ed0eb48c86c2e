import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import {
  BundleProblem,
  FILES,
  loadBundle,
  readJson,
  type ConsistencyEntry,
  type LoadedBundle,
  type RangeProof,
} from './bundleFiles';
import { checkErasedEvents } from './erasedEvents';
import { checkEventLines } from './eventLines';
import { CompactRange, verifyConsistency } from './rfc6962';
import { checkSignature, treeHeadBytes, type PublicKey } from './signatures';

export interface VerifyBundleOptions {
  /** An older bundle of the same org: this bundle's tree must extend that one's. */
  previous?: string;
  /** Keys obtained from the ledger out of band; without them the bundle's own keys are used. */
  trustedKeys?: PublicKey[];
}

export interface VerifyResult {
  ok: boolean;
  /** `PASS: …` or `FAIL: <the first problem found>`. */
  message: string;
}

/** A verdict with what a script needs from it. */
export type BundleReport =
  | {
      ok: true;
      message: string;
      orgId: string;
      range: { start: number; end: number };
      treeSize: number;
      events: number;
      /** The previous bundle's tree size when one was checked. */
      previous: { treeSize: number } | null;
    }
  | { ok: false; message: string; problem: string };

/**
 * Verifies a bundle directory offline, in the order of contracts/audit-export.md: manifest
 * signature, tree head signature, every event against its leaf hash, the events against the
 * signed root, every file against the manifest, and consistency with a previous bundle.
 */
export async function verifyBundle(dir: string, options: VerifyBundleOptions = {}): Promise<VerifyResult> {
  const report = await verifyBundleReport(dir, options);
  return { ok: report.ok, message: report.message };
}

/** verifyBundle with the details of the verdict. */
export async function verifyBundleReport(dir: string, options: VerifyBundleOptions = {}): Promise<BundleReport> {
  try {
    const bundle = await loadBundle(dir, options.trustedKeys);
    const events = await checkBundle(bundle);
    const previous = options.previous
      ? { treeSize: await checkPrevious(bundle, options.previous, options.trustedKeys ?? bundle.keys) }
      : null;
    const { orgId, range, treeSize } = bundle.manifest;
    return {
      ok: true,
      message: `PASS: org ${orgId}, ${events} events [${range.start}, ${range.end}) in the signed tree of size ${treeSize}`,
      orgId,
      range: { start: range.start, end: range.end },
      treeSize,
      events,
      previous,
    };
  } catch (error) {
    if (error instanceof BundleProblem) return { ok: false, message: `FAIL: ${error.message}`, problem: error.message };
    throw error;
  }
}

async function checkBundle(bundle: LoadedBundle): Promise<number> {
  const { manifest, signature, head, keys } = bundle;
  const manifestProblem = checkSignature(
    keys,
    signature.keyId,
    manifest.createdAt,
    bundle.manifestBytes,
    signature.signature,
  );
  if (manifestProblem) throw new BundleProblem(`manifest: ${manifestProblem}`);
  const headProblem = checkSignature(keys, head.keyId, head.timestamp, treeHeadBytes(head), head.signature);
  if (headProblem) throw new BundleProblem(`tree head: ${headProblem}`);
  if (head.orgId !== manifest.orgId || head.treeSize !== manifest.treeSize) {
    throw new BundleProblem(`tree head (org ${head.orgId}, size ${head.treeSize}) is not the one the manifest names`);
  }
  const events = await checkRange(bundle);
  await checkFileHashes(bundle);
  await checkErasedEvents(bundle.dir, new Set(manifest.files.map((file) => file.path)), manifest.range);
  return events;
}

/** Re-hashes every event and folds them, with the left edge, into the root of the range's end. */
async function checkRange(bundle: LoadedBundle): Promise<number> {
  const { manifest, head, dir } = bundle;
  const proof = await readJson<RangeProof>(dir, FILES.rangeProof);
  const { start, end } = manifest.range;
  if (!Array.isArray(proof.leftEdge) || !Array.isArray(proof.consistency)) {
    throw new BundleProblem(`${FILES.rangeProof} is malformed`);
  }
  if (proof.start !== start || proof.end !== end || proof.treeSize !== head.treeSize) {
    throw new BundleProblem(`${FILES.rangeProof} does not match the manifest's range and tree size`);
  }
  let range: CompactRange;
  try {
    range = new CompactRange(start, proof.leftEdge.map(fromHex));
  } catch (error) {
    throw new BundleProblem(`${FILES.rangeProof}: ${(error as Error).message}`);
  }
  const count = await checkEventLines(dir, start, (leaf) => range.append(leaf));
  if (count !== end - start)
    throw new BundleProblem(`${FILES.events} has ${count} events, the manifest says ${end - start}`);
  if (!verifyConsistency(end, head.treeSize, proof.consistency.map(fromHex), range.root(), fromHex(head.rootHash))) {
    throw new BundleProblem(`the events do not lead to the signed root of tree size ${head.treeSize}`);
  }
  return count;
}

async function checkFileHashes(bundle: LoadedBundle): Promise<void> {
  const listed = new Set(bundle.manifest.files.map((file) => file.path));
  for (const name of [
    FILES.events,
    FILES.leaves,
    FILES.treeHead,
    FILES.publicKeys,
    FILES.rangeProof,
    FILES.consistency,
  ]) {
    if (!listed.has(name)) throw new BundleProblem(`the manifest does not list ${name}`);
  }
  for (const file of bundle.manifest.files) {
    if (file.path.includes('/') || file.path.includes('\\')) throw new BundleProblem(`bad file name ${file.path}`);
    if ((await sha256File(join(bundle.dir, file.path))) !== file.sha256) {
      throw new BundleProblem(`${file.path} does not match its SHA-256 in the manifest`);
    }
  }
}

/** Checks that this bundle's tree extends the previous bundle's; returns that one's tree size. */
async function checkPrevious(bundle: LoadedBundle, previousDir: string, keys: PublicKey[]): Promise<number> {
  let previous: LoadedBundle;
  try {
    previous = await loadBundle(previousDir, keys);
    await checkBundle(previous);
  } catch (error) {
    if (error instanceof BundleProblem) throw new BundleProblem(`previous bundle: ${error.message}`);
    throw error;
  }
  const [old, now] = [previous.head, bundle.head];
  if (old.orgId !== now.orgId) throw new BundleProblem(`previous bundle is of org ${old.orgId}, not ${now.orgId}`);
  if (old.treeSize > now.treeSize) throw new BundleProblem(`previous bundle's tree (size ${old.treeSize}) is larger`);
  const entries = await readJson<ConsistencyEntry[]>(bundle.dir, FILES.consistency);
  if (!Array.isArray(entries)) throw new BundleProblem(`${FILES.consistency} is not a list of proofs`);
  const entry = entries.find((e) => e?.fromSize === old.treeSize);
  const proof = old.treeSize === now.treeSize ? [] : entry?.proof;
  if (!Array.isArray(proof)) {
    throw new BundleProblem(`no consistency proof from the previous tree size ${old.treeSize}`);
  }
  if (
    !verifyConsistency(old.treeSize, now.treeSize, proof.map(fromHex), fromHex(old.rootHash), fromHex(now.rootHash))
  ) {
    throw new BundleProblem(
      `the tree of size ${now.treeSize} does not extend the previous tree of size ${old.treeSize}`,
    );
  }
  return old.treeSize;
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', () => reject(new BundleProblem(`${path} cannot be read`)))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function fromHex(hex: string): Buffer {
  if (!/^([0-9a-f]{2})*$/.test(hex)) throw new BundleProblem(`malformed hex ${hex.slice(0, 16)}`);
  return Buffer.from(hex, 'hex');
}
