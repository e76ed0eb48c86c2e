export {
  ERASURE_CERTIFICATE_KIND,
  ERASURE_CERTIFICATE_VERSION,
  erasureCertificateSigningBytes,
  erasureCertificateText,
  type ErasedStream,
  type ErasureCertificate,
  type UnsignedErasureCertificate,
} from './erasureCertificate';
export { eraseWithCertificate, type EraseWithCertificateOptions, type ErasureOutcome } from './eraseWithCertificate';
export type { DestroyedKeys } from './destroyStreamKeys';
