import { hexBytes } from './bytes';
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
import type { BundleReader, VerifierCrypto } from './platform';
import { CompactRange, MerkleHasher, verifyConsistency } from './rfc6962';
import { checkSignature, treeHeadBytes, type PublicKey } from './signatures';

export interface CheckBundleOptions {
  /** An older bundle of the same org: this bundle's tree must extend that one's. */
  previous?: BundleReader;
  /** Keys obtained from the ledger out of band; without them the bundle's own keys are used. */
  trustedKeys?: PublicKey[];
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
 * Verifies a bundle in the order of contracts/audit-export.md: manifest signature, tree head
 * signature, every event against its leaf hash, the events against the signed root, every file
 * against the manifest, and consistency with a previous bundle. The one implementation of the
 * checks, run by the command on Node and by the examiner's page in a browser.
 */
export async function checkBundleReport(
  crypto: VerifierCrypto,
  reader: BundleReader,
  options: CheckBundleOptions = {},
): Promise<BundleReport> {
  const checks = new Checks(crypto);
  try {
    const bundle = await loadBundle(reader, options.trustedKeys);
    const events = await checks.bundle(bundle);
    const previous = options.previous
      ? { treeSize: await checks.previous(bundle, options.previous, options.trustedKeys ?? bundle.keys) }
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

class Checks {
  private readonly hasher: MerkleHasher;

  constructor(private readonly crypto: VerifierCrypto) {
    this.hasher = new MerkleHasher(crypto);
  }

  async bundle(bundle: LoadedBundle): Promise<number> {
    const { manifest, signature, head, keys } = bundle;
    const manifestProblem = await checkSignature(
      this.crypto,
      keys,
      signature.keyId,
      manifest.createdAt,
      bundle.manifestBytes,
      signature.signature,
    );
    if (manifestProblem) throw new BundleProblem(`manifest: ${manifestProblem}`);
    const headProblem = await checkSignature(
      this.crypto,
      keys,
      head.keyId,
      head.timestamp,
      treeHeadBytes(head),
      head.signature,
    );
    if (headProblem) throw new BundleProblem(`tree head: ${headProblem}`);
    if (head.orgId !== manifest.orgId || head.treeSize !== manifest.treeSize) {
      throw new BundleProblem(`tree head (org ${head.orgId}, size ${head.treeSize}) is not the one the manifest names`);
    }
    const events = await this.range(bundle);
    await this.fileHashes(bundle);
    await checkErasedEvents(bundle.reader, new Set(manifest.files.map((file) => file.path)), manifest.range);
    return events;
  }

  /** Re-hashes every event and folds them, with the left edge, into the root of the range's end. */
  private async range(bundle: LoadedBundle): Promise<number> {
    const { manifest, head, reader } = bundle;
    const proof = await readJson<RangeProof>(reader, FILES.rangeProof);
    const { start, end } = manifest.range;
    if (!Array.isArray(proof.leftEdge) || !Array.isArray(proof.consistency)) {
      throw new BundleProblem(`${FILES.rangeProof} is malformed`);
    }
    if (proof.start !== start || proof.end !== end || proof.treeSize !== head.treeSize) {
      throw new BundleProblem(`${FILES.rangeProof} does not match the manifest's range and tree size`);
    }
    let range: CompactRange;
    try {
      range = new CompactRange(this.hasher, start, proof.leftEdge.map(fromHex));
    } catch (error) {
      throw new BundleProblem(`${FILES.rangeProof}: ${(error as Error).message}`);
    }
    const count = await checkEventLines(reader, this.hasher, start, (leaf) => range.append(leaf));
    if (count !== end - start)
      throw new BundleProblem(`${FILES.events} has ${count} events, the manifest says ${end - start}`);
    const signed = await verifyConsistency(
      this.hasher,
      end,
      head.treeSize,
      proof.consistency.map(fromHex),
      await range.root(),
      fromHex(head.rootHash),
    );
    if (!signed) throw new BundleProblem(`the events do not lead to the signed root of tree size ${head.treeSize}`);
    return count;
  }

  private async fileHashes(bundle: LoadedBundle): Promise<void> {
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
      const sha256 = await bundle.reader.sha256Hex(file.path);
      if (sha256 === null) throw new BundleProblem(`${file.path} is missing`);
      if (sha256 !== file.sha256) throw new BundleProblem(`${file.path} does not match its SHA-256 in the manifest`);
    }
  }

  /** Checks that this bundle's tree extends the previous bundle's; returns that one's tree size. */
  async previous(bundle: LoadedBundle, previousReader: BundleReader, keys: PublicKey[]): Promise<number> {
    let previous: LoadedBundle;
    try {
      previous = await loadBundle(previousReader, keys);
      await this.bundle(previous);
    } catch (error) {
      if (error instanceof BundleProblem) throw new BundleProblem(`previous bundle: ${error.message}`);
      throw error;
    }
    const [old, now] = [previous.head, bundle.head];
    if (old.orgId !== now.orgId) throw new BundleProblem(`previous bundle is of org ${old.orgId}, not ${now.orgId}`);
    if (old.treeSize > now.treeSize) throw new BundleProblem(`previous bundle's tree (size ${old.treeSize}) is larger`);
    const entries = await readJson<ConsistencyEntry[]>(bundle.reader, FILES.consistency);
    if (!Array.isArray(entries)) throw new BundleProblem(`${FILES.consistency} is not a list of proofs`);
    const entry = entries.find((e) => e?.fromSize === old.treeSize);
    const proof = old.treeSize === now.treeSize ? [] : entry?.proof;
    if (!Array.isArray(proof)) {
      throw new BundleProblem(`no consistency proof from the previous tree size ${old.treeSize}`);
    }
    const extended = await verifyConsistency(
      this.hasher,
      old.treeSize,
      now.treeSize,
      proof.map(fromHex),
      fromHex(old.rootHash),
      fromHex(now.rootHash),
    );
    if (!extended) {
      throw new BundleProblem(
        `the tree of size ${now.treeSize} does not extend the previous tree of size ${old.treeSize}`,
      );
    }
    return old.treeSize;
  }
}

function fromHex(hex: string): Uint8Array {
  const bytes = hexBytes(hex);
  if (bytes === null) throw new BundleProblem(`malformed hex ${String(hex).slice(0, 16)}`);
  return bytes;
}
