import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BundleProblem, FILES, loadBundle, readJson, type ConsistencyEntry } from './bundleFiles';
import { verifyConsistency } from './rfc6962';
import type { PublicKey, TreeHead } from './signatures';

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
  dir: string,
  certificate: CertifiedErasure,
  trustedKeys?: PublicKey[],
): Promise<number> {
  const bundle = await loadBundle(dir, trustedKeys);
  const after = certificate.treeHeadAfter;
  if (bundle.manifest.orgId !== certificate.orgId) {
    throw new BundleProblem(`the bundle is of org ${bundle.manifest.orgId}, the certificate of ${certificate.orgId}`);
  }
  if (bundle.head.treeSize < after.treeSize) {
    throw new BundleProblem(
      `the bundle's tree (size ${bundle.head.treeSize}) predates the erasure (size ${after.treeSize})`,
    );
  }
  const entries = await readJson<ConsistencyEntry[]>(dir, FILES.consistency);
  const proof =
    bundle.head.treeSize === after.treeSize ? [] : entries.find((e) => e?.fromSize === after.treeSize)?.proof;
  const hex = (value: string) => Buffer.from(value, 'hex');
  if (
    !Array.isArray(proof) ||
    !verifyConsistency(
      after.treeSize,
      bundle.head.treeSize,
      proof.map(hex),
      hex(after.rootHash),
      hex(bundle.head.rootHash),
    )
  ) {
    throw new BundleProblem(
      `the bundle's tree does not extend the tree of size ${after.treeSize} signed after the erasure`,
    );
  }
  const marked = new Set(
    (bundle.manifest.files.some((f) => f.path === FILES.erased)
      ? await readJson<{ orgSeq: number }[]>(dir, FILES.erased)
      : []
    ).map((entry) => entry.orgSeq),
  );
  const erasedStreams = new Set(certificate.streams.map((s) => s.streamId));
  let seq = bundle.manifest.range.start;
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, FILES.events)), crlfDelay: Infinity })) {
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
