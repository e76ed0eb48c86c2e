export {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  type BundleManifest,
  type ConsistencyEntry,
  type ErasedEntry,
  type ManifestFile,
  type RangeProofFile,
} from './bundleFormat';
export { exportBundle, type ExportBundleOptions } from './exportBundle';
export { ExportError, type ExportErrorCode } from './exportError';
