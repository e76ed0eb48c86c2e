import { concatBytes } from '../core/bytes';
import type { VerifierCrypto } from '../core/platform';

/** WebCrypto keeps its own copy of what it is given; a plain ArrayBuffer-backed view is what it takes. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** The browser's WebCrypto for the shared checks: SHA-256 and Ed25519, nothing hand-written. */
export const webCrypto: VerifierCrypto = {
  async sha256(...parts) {
    const data = parts.length === 1 ? parts[0] : concatBytes(parts);
    return new Uint8Array(await crypto.subtle.digest('SHA-256', own(data)));
  },
  async verifyEd25519(publicKey, signature, message) {
    const key = await crypto.subtle.importKey('raw', own(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return crypto.subtle.verify({ name: 'Ed25519' }, key, own(signature), own(message));
  },
};
