import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Wraps and unwraps per-stream data keys with a master key. The master key never leaves the
 * provider, so a KMS-backed provider can replace this one without touching the ledger.
 */
export interface KeyProvider {
  /** The master key new data keys are wrapped with. */
  readonly activeKeyId: string;
  wrap(dataKey: Buffer): Promise<{ keyId: string; wrapped: Buffer }>;
  unwrap(keyId: string, wrapped: Buffer): Promise<Buffer>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Master keys held in configuration (base64, 32 bytes each); the first is active. */
export class LocalKeyProvider implements KeyProvider {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    keys: Record<string, Buffer>,
    readonly activeKeyId: string = Object.keys(keys)[0],
  ) {
    for (const [id, key] of Object.entries(keys)) {
      if (key.length !== 32) throw new Error(`master key ${id} must be 32 bytes`);
    }
    if (!(activeKeyId in keys)) throw new Error(`active master key ${activeKeyId} is not configured`);
    this.keys = new Map(Object.entries(keys));
  }

  /** Reads `LEDGER_MASTER_KEYS` as `id:base64,id:base64` (first is active). */
  static fromEnv(value: string | undefined): LocalKeyProvider {
    if (!value) throw new Error('LEDGER_MASTER_KEYS is not set');
    const entries = value.split(',').map((pair) => {
      const [id, key] = pair.split(':');
      return [id.trim(), Buffer.from(key ?? '', 'base64')] as const;
    });
    return new LocalKeyProvider(Object.fromEntries(entries));
  }

  async wrap(dataKey: Buffer): Promise<{ keyId: string; wrapped: Buffer }> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.activeKeyId), iv);
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { keyId: this.activeKeyId, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  async unwrap(keyId: string, wrapped: Buffer): Promise<Buffer> {
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), wrapped.subarray(0, IV_BYTES));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new Error(`master key ${id} is not configured`);
    return key;
  }
}
