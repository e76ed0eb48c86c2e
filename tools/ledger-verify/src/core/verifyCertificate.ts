import { hexBytes, utf8Bytes } from './bytes';
import { canonicalJson } from './canonicalJson';
import type { VerifierCrypto } from './platform';
import { MerkleHasher, verifyConsistency } from './rfc6962';
import { checkSignature, treeHeadBytes, type PublicKey, type TreeHead } from './signatures';

export const CERTIFICATE_KIND = 'ledger.erasure-certificate';

/** A parsed certificate before its form is checked: every member may be anything. */
type Untrusted = Record<string, unknown>;

export type CertificateReport =
  | {
      ok: true;
      message: string;
      certificateId: string;
      requestId: string;
      orgId: string;
      streams: number;
      treeSizes: { before: number; after: number };
    }
  | { ok: false; message: string; problem: string };

class CertificateProblem extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;

/**
 * Verifies an erasure certificate offline, in the order of contracts/erasure-certificate.md:
 * form, its signature, both tree heads' signatures, their order around the erasure, and the
 * consistency proof that the tree before is a prefix of the tree after.
 */
export async function verifyCertificate(
  crypto: VerifierCrypto,
  document: unknown,
  trustedKeys?: readonly PublicKey[],
): Promise<CertificateReport> {
  try {
    const certificate = checkForm(document);
    const keys = trustedKeys ?? (certificate.publicKeys as PublicKey[]);
    const { signature, ...unsigned } = certificate;
    const problem = await checkSignature(
      crypto,
      keys,
      String(certificate.keyId),
      String(certificate.erasedAt),
      utf8Bytes(canonicalJson(unsigned)),
      String(signature),
    );
    if (problem) throw new CertificateProblem(`certificate: ${problem}`);
    const before = await checkHead(crypto, keys, certificate, 'treeHeadBefore');
    const after = await checkHead(crypto, keys, certificate, 'treeHeadAfter');
    const erasedAt = Date.parse(String(certificate.erasedAt));
    if (!(Date.parse(before.timestamp) <= erasedAt && erasedAt <= Date.parse(after.timestamp))) {
      throw new CertificateProblem('erasedAt is not between the two tree heads');
    }
    if (before.treeSize > after.treeSize) {
      throw new CertificateProblem(`treeHeadBefore (size ${before.treeSize}) is larger than treeHeadAfter`);
    }
    // The form check admitted only 64 lower-case hex digits here.
    const proof = (certificate.consistency as string[]).map((hex) => hexBytes(hex)!);
    const root = (head: TreeHead) => hexBytes(head.rootHash)!;
    const hasher = new MerkleHasher(crypto);
    if (!(await verifyConsistency(hasher, before.treeSize, after.treeSize, proof, root(before), root(after)))) {
      throw new CertificateProblem(
        `the tree of size ${after.treeSize} does not extend the tree of size ${before.treeSize}: the history changed`,
      );
    }
    const streams = (certificate.streams as unknown[]).length;
    return {
      ok: true,
      message:
        `PASS: erasure certificate ${String(certificate.certificateId)} of org ${String(certificate.orgId)}: ` +
        `${streams} streams erased, tree of size ${before.treeSize} unchanged within size ${after.treeSize}`,
      certificateId: String(certificate.certificateId),
      requestId: String(certificate.requestId),
      orgId: String(certificate.orgId),
      streams,
      treeSizes: { before: before.treeSize, after: after.treeSize },
    };
  } catch (error) {
    if (error instanceof CertificateProblem) {
      return { ok: false, message: `FAIL: ${error.message}`, problem: error.message };
    }
    throw error;
  }
}

function checkForm(document: unknown): Untrusted {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new CertificateProblem('not a JSON object');
  }
  const c = document as Untrusted;
  if (c.kind !== CERTIFICATE_KIND || c.v !== 1) throw new CertificateProblem(`kind is not ${CERTIFICATE_KIND} v1`);
  for (const field of ['certificateId', 'requestId'] as const) {
    if (typeof c[field] !== 'string' || !UUID.test(c[field] as string))
      throw new CertificateProblem(`${field} is not a UUID`);
  }
  for (const field of ['orgId', 'keyId', 'signature', 'erasedAt'] as const) {
    if (typeof c[field] !== 'string') throw new CertificateProblem(`${field} is missing`);
  }
  if (Number.isNaN(Date.parse(c.erasedAt as string))) throw new CertificateProblem('erasedAt is not a time');
  const subject = c.subject as Untrusted | null;
  if (typeof subject !== 'object' || subject === null || typeof subject.entityId !== 'string') {
    throw new CertificateProblem('subject.entityId is missing');
  }
  checkStreams(c.streams);
  if (!Array.isArray(c.consistency) || !c.consistency.every((h) => typeof h === 'string' && HASH.test(h))) {
    throw new CertificateProblem('consistency is not a list of hashes');
  }
  if (!Array.isArray(c.publicKeys)) throw new CertificateProblem('publicKeys is not a list');
  return c;
}

function checkStreams(streams: unknown): void {
  if (!Array.isArray(streams) || streams.length === 0) throw new CertificateProblem('streams is empty');
  let previous: string | null = null;
  streams.forEach((entry: unknown, i) => {
    const stream = entry as Untrusted | null;
    if (typeof stream !== 'object' || stream === null || typeof stream.streamId !== 'string') {
      throw new CertificateProblem(`streams[${i}] has no streamId`);
    }
    if (previous !== null && !(previous < stream.streamId)) {
      throw new CertificateProblem(`streams[${i}] is out of order or repeated`);
    }
    previous = stream.streamId;
    const keyId = stream.dataKeyId;
    if (keyId !== null && !(typeof keyId === 'string' && HASH.test(keyId))) {
      throw new CertificateProblem(`streams[${i}].dataKeyId is neither a hash nor null`);
    }
  });
}

async function checkHead(
  crypto: VerifierCrypto,
  keys: readonly PublicKey[],
  certificate: Untrusted,
  field: string,
): Promise<TreeHead> {
  const head = certificate[field] as TreeHead | null;
  if (
    typeof head !== 'object' ||
    head === null ||
    typeof head.keyId !== 'string' ||
    typeof head.timestamp !== 'string' ||
    typeof head.rootHash !== 'string' ||
    !HASH.test(head.rootHash) ||
    !Number.isSafeInteger(head.treeSize) ||
    head.treeSize < 0
  ) {
    throw new CertificateProblem(`${field} is malformed`);
  }
  const problem = await checkSignature(crypto, keys, head.keyId, head.timestamp, treeHeadBytes(head), head.signature);
  if (problem) throw new CertificateProblem(`${field}: ${problem}`);
  if (head.orgId !== certificate.orgId)
    throw new CertificateProblem(`${field} is of org ${head.orgId}, not ${String(certificate.orgId)}`);
  return head;
}
