import { canonicalJson } from '../events/canonicalEvent';
import type { JsonObject } from '../events/types';
import type { PublicSigningKey } from '../signing/signingKeys';
import type { SignedTreeHead } from '../signing/treeHead';

/** Marks the signed document as an erasure certificate, so no other signed JSON can pass for one. */
export const ERASURE_CERTIFICATE_KIND = 'ledger.erasure-certificate';
export const ERASURE_CERTIFICATE_VERSION = 1;

/** A stream whose data key the erasure destroyed (contracts/erasure-certificate.md). */
export interface ErasedStream {
  readonly streamId: string;
  /** Hex SHA-256 of the wrapped key as stored; null when the stream had no live key to destroy. */
  readonly dataKeyId: string | null;
}

export interface UnsignedErasureCertificate {
  readonly kind: typeof ERASURE_CERTIFICATE_KIND;
  readonly v: typeof ERASURE_CERTIFICATE_VERSION;
  readonly certificateId: string;
  readonly requestId: string;
  readonly orgId: string;
  readonly subject: { readonly entityId: string };
  readonly erasedAt: string;
  /** Sorted by streamId, each once. */
  readonly streams: readonly ErasedStream[];
  readonly treeHeadBefore: SignedTreeHead;
  readonly treeHeadAfter: SignedTreeHead;
  /** Hex RFC 6962 PROOF(treeHeadBefore.treeSize, D[treeHeadAfter.treeSize]). */
  readonly consistency: readonly string[];
  readonly publicKeys: readonly PublicSigningKey[];
  readonly keyId: string;
}

export interface ErasureCertificate extends UnsignedErasureCertificate {
  /** Lower-case hex Ed25519 signature over erasureCertificateSigningBytes. */
  readonly signature: string;
}

/** The exact bytes signed: RFC 8785 JSON of every member but `signature`. */
export function erasureCertificateSigningBytes(certificate: UnsignedErasureCertificate): Buffer {
  const { signature: _ignored, ...unsigned } = certificate as ErasureCertificate;
  return Buffer.from(canonicalJson(unsigned as unknown as JsonObject), 'utf8');
}

/** The certificate as it is served and stored: its canonical text. */
export function erasureCertificateText(certificate: ErasureCertificate): string {
  return canonicalJson(certificate as unknown as JsonObject);
}
