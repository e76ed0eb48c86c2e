import type { PublicKey } from './core/signatures';
import { verifyCertificate as checkCertificate, type CertificateReport } from './core/verifyCertificate';
import { nodeCrypto } from './nodePlatform';

export { CERTIFICATE_KIND, type CertificateReport } from './core/verifyCertificate';

/**
 * Verifies a parsed erasure certificate offline (contracts/erasure-certificate.md), with the
 * checks the examiner's HTML verifier runs too (`core/verifyCertificate.ts`).
 */
export function verifyCertificate(document: unknown, trustedKeys?: readonly PublicKey[]): Promise<CertificateReport> {
  return checkCertificate(nodeCrypto, document, trustedKeys);
}
