import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { toHex } from '../merkle/hasher';
import type { SigningKeyProvider } from '../signing/signingKeys';
import { TreeHeadPublisher } from '../signing/treeHeadPublisher';
import { TreeProofs } from '../tree/treeProofs';
import type { DestroyedKeys } from './destroyStreamKeys';
import {
  ERASURE_CERTIFICATE_KIND,
  ERASURE_CERTIFICATE_VERSION,
  erasureCertificateSigningBytes,
  type ErasureCertificate,
  type UnsignedErasureCertificate,
} from './erasureCertificate';

export interface EraseWithCertificateOptions {
  pool: Pool;
  keys: SigningKeyProvider;
  orgId: string;
  requestId: string;
  entityId: string;
  streamIds: readonly string[];
  /**
   * Signs the heads around the erasure: the process's own, so that they are checked against the
   * published heads and kept with them (default: one without a checkpoint store).
   */
  publisher?: TreeHeadPublisher;
  /** Destroys the streams' data keys, sparing held ones (Ledger.eraseStreams). */
  destroy: (orgId: string, streamIds: readonly string[]) => Promise<DestroyedKeys>;
}

export interface ErasureOutcome {
  /** Null when a hold covered every stream, so nothing was destroyed. */
  readonly certificate: ErasureCertificate | null;
  /** Streams a hold in force kept, with the hold ids. */
  readonly held: ReadonlyMap<string, string[]>;
}

/**
 * Destroys the streams' data keys between two signed tree heads of the org and returns the
 * signed certificate of it (contracts/erasure-certificate.md). The heads and the certificate are
 * signed at the real time, whatever clock decided the erasure was due: a key is valid by it.
 * A stream a hold covers when the keys are destroyed is spared and reported, not certified.
 */
export async function eraseWithCertificate(options: EraseWithCertificateOptions): Promise<ErasureOutcome> {
  const { pool, keys, orgId } = options;
  if (options.streamIds.length === 0) throw new RangeError('an erasure names at least one stream');
  // A refused head throws here, before any key is destroyed.
  const publisher = options.publisher ?? new TreeHeadPublisher({ pool, keys });
  const treeHeadBefore = await publisher.publish(orgId);
  const { erased: streams, held } = await options.destroy(orgId, options.streamIds);
  if (streams.length === 0) return { certificate: null, held };
  const erasedAt = new Date();
  const treeHeadAfter = await publisher.publish(orgId);
  const proof = await new TreeProofs(pool).consistencyProof(orgId, treeHeadBefore.treeSize, treeHeadAfter.treeSize);
  if (toHex(proof.fromRoot) !== treeHeadBefore.rootHash || toHex(proof.toRoot) !== treeHeadAfter.rootHash) {
    throw new Error(`the stored tree of org ${orgId} disagrees with its signed heads`);
  }
  const key = keys.signingKey(erasedAt);
  const unsigned: UnsignedErasureCertificate = {
    kind: ERASURE_CERTIFICATE_KIND,
    v: ERASURE_CERTIFICATE_VERSION,
    certificateId: randomUUID(),
    requestId: options.requestId,
    orgId,
    subject: { entityId: options.entityId },
    erasedAt: erasedAt.toISOString(),
    streams,
    treeHeadBefore,
    treeHeadAfter,
    consistency: proof.path.map(toHex),
    publicKeys: keys.publicKeys(),
    keyId: key.keyId,
  };
  return { certificate: { ...unsigned, signature: toHex(key.sign(erasureCertificateSigningBytes(unsigned))) }, held };
}
