import { hexBytes } from './bytes';
import { BundleProblem, FILES, loadBundle, readJson, type ConsistencyEntry } from './bundleFiles';
import type { BundleReader, VerifierCrypto } from './platform';
import { MerkleHasher, verifyConsistency } from './rfc6962';
import type { PublicKey, TreeHead } from './signatures';
import { textLines } from './textLines';

/** What a certificate says that a bundle of the same org can confirm. */
export interface CertifiedErasure {
  orgId: string;
  streams: readonly { streamId: string }[];
  treeHeadAfter: TreeHead;
}

/**
 * Checks a bundle (already verified on its own) against an erasure certificate (already verified
 * on its own): same org; its signed tree extends the certificate's tree after the erasure, so the
 * events the erasure left behind are the ones the bundle proves; and each of its events that
 * belongs to an erased stream and has a personal part is marked in erased.json. Returns how many
 * such events the bundle holds.
 */
export async function checkBundleAgainstCertificate(
  crypto: VerifierCrypto,
  reader: BundleReader,
  certificate: CertifiedErasure,
  trustedKeys?: PublicKey[],
): Promise<number> {
  const bundle = await loadBundle(reader, trustedKeys);
  const after = certificate.treeHeadAfter;
  if (bundle.manifest.orgId !== certificate.orgId) {
    throw new BundleProblem(`the bundle is of org ${bundle.manifest.orgId}, the certificate of ${certificate.orgId}`);
  }
  if (bundle.head.treeSize < after.treeSize) {
    throw new BundleProblem(
      `the bundle's tree (size ${bundle.head.treeSize}) predates the erasure (size ${after.treeSize})`,
    );
  }
  const entries = await readJson<ConsistencyEntry[]>(reader, FILES.consistency);
  const proof =
    bundle.head.treeSize === after.treeSize ? [] : entries.find((e) => e?.fromSize === after.treeSize)?.proof;
  const hashes = Array.isArray(proof) ? proof.map(hexBytes) : null;
  const [afterRoot, bundleRoot] = [hexBytes(after.rootHash), hexBytes(bundle.head.rootHash)];
  const extended =
    hashes !== null &&
    hashes.every((hash) => hash !== null) &&
    afterRoot !== null &&
    bundleRoot !== null &&
    (await verifyConsistency(
      new MerkleHasher(crypto),
      after.treeSize,
      bundle.head.treeSize,
      hashes as Uint8Array[],
      afterRoot,
      bundleRoot,
    ));
  if (!extended) {
    throw new BundleProblem(
      `the bundle's tree does not extend the tree of size ${after.treeSize} signed after the erasure`,
    );
  }
  const marked = new Set(
    (bundle.manifest.files.some((f) => f.path === FILES.erased)
      ? await readJson<{ orgSeq: number }[]>(reader, FILES.erased)
      : []
    ).map((entry) => entry.orgSeq),
  );
  const erasedStreams = new Set(certificate.streams.map((s) => s.streamId));
  const events = await reader.chunks(FILES.events);
  if (events === null) throw new BundleProblem(`${FILES.events} is missing`);
  let seq = bundle.manifest.range.start;
  let count = 0;
  for await (const line of textLines(events)) {
    const event = JSON.parse(line) as { streamId?: string; personal?: unknown };
    if (event.streamId !== undefined && erasedStreams.has(event.streamId) && event.personal !== null) {
      if (!marked.has(seq))
        throw new BundleProblem(`event at org_seq ${seq} of erased stream ${event.streamId} is not marked erased`);
      count++;
    }
    seq++;
  }
  return count;
}
