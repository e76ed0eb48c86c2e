import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleReader, VerifierCrypto } from './core/platform';

/** Node's crypto for the shared checks. */
export const nodeCrypto: VerifierCrypto = {
  async sha256(...parts) {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    return hash.digest();
  },
  async verifyEd25519(publicKey, signature, message) {
    const x = Buffer.from(publicKey).toString('base64url');
    return verify(null, message, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }), signature);
  },
};

/** A bundle folder on disk, streamed: events.jsonl and the file hashes never load a file whole. */
export function folderReader(dir: string): BundleReader {
  return {
    read: (name) => readFile(join(dir, name)).catch(() => null),
    chunks: async (name) => {
      const info = await stat(join(dir, name)).catch(() => null);
      return info?.isFile() ? createReadStream(join(dir, name)) : null;
    },
    sha256Hex: (name) =>
      new Promise((resolve) => {
        const hash = createHash('sha256');
        createReadStream(join(dir, name))
          .on('data', (chunk) => hash.update(chunk))
          .on('error', () => resolve(null))
          .on('end', () => resolve(hash.digest('hex')));
      }),
  };
}
