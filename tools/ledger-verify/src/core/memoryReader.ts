import { toHex } from './bytes';
import type { BundleReader, VerifierCrypto } from './platform';

/** A bundle held in memory by file name: the files an examiner picked, or an archive unpacked in a browser. */
export function memoryReader(files: ReadonlyMap<string, Uint8Array>, crypto: VerifierCrypto): BundleReader {
  return {
    read: async (name) => files.get(name) ?? null,
    chunks: async (name) => {
      const bytes = files.get(name);
      if (bytes === undefined) return null;
      return (async function* () {
        yield bytes;
      })();
    },
    sha256Hex: async (name) => {
      const bytes = files.get(name);
      return bytes === undefined ? null : toHex(await crypto.sha256(bytes));
    },
  };
}
