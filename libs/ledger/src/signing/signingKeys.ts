/** A public key as exported with tree heads and audit bundles. */
export interface PublicSigningKey {
  readonly keyId: string;
  readonly algorithm: 'Ed25519';
  /** The raw 32-byte Ed25519 public key, base64url (the `x` of its JWK). */
  readonly publicKey: string;
  /** Heads signed with this key must be timestamped in [notBefore, notAfter). */
  readonly notBefore: string;
  readonly notAfter: string | null;
}

/** A private key that can sign now. */
export interface SigningKey {
  readonly keyId: string;
  sign(bytes: Uint8Array): Uint8Array;
}

/**
 * Where tree-head signing keys come from. Several keys may be configured, each with a validity
 * period, so that a key can be rotated: heads are signed with the key valid at signing time, and
 * old heads stay verifiable with the (exported) public keys of retired keys.
 */
export interface SigningKeyProvider {
  /** The key to sign with at `at`; throws LEDGER_SIGNING.NO_VALID_KEY when none is valid. */
  signingKey(at: Date): SigningKey;
  /** Every public key, retired ones included, to verify old heads. */
  publicKeys(): PublicSigningKey[];
}

/** `code` is its own field; the message does not repeat it, so `CODE: message` reads once. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';

  constructor(
    readonly code: 'LEDGER_SIGNING.NO_VALID_KEY' | 'LEDGER_SIGNING.BAD_CONFIG',
    message: string,
  ) {
    super(message);
  }
}
