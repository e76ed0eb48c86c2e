/**
 * What the checks need from the platform they run on: Node's crypto and files for the command,
 * WebCrypto and the picked files in the examiner's browser. The checks themselves are the same
 * code in both, so the two verdicts cannot drift apart.
 */
export interface VerifierCrypto {
  /** SHA-256 of the parts, concatenated. */
  sha256(...parts: Uint8Array[]): Promise<Uint8Array>;
  /** Does `signature` by the raw 32-byte Ed25519 `publicKey` verify over `message`? Throws for a key that is not one. */
  verifyEd25519(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean>;
}

/** The files of one bundle, by their plain names. */
export interface BundleReader {
  /** The whole file, or null when the bundle has no such file. */
  read(name: string): Promise<Uint8Array | null>;
  /** The file in pieces, so a large one is never held whole; null when missing. */
  chunks(name: string): Promise<AsyncIterable<Uint8Array> | null>;
  /** Lower-case hex SHA-256 of the file, or null when missing or unreadable. */
  sha256Hex(name: string): Promise<string | null>;
}
