import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PersonalEnvelope } from '../events/canonicalEvent';
import type { JsonObject } from '../events/types';

const IV_BYTES = 12;

/**
 * AES-256-GCM with the event id as associated data, so a ciphertext copied into another
 * event fails to decrypt instead of showing someone else's data.
 */
export function encryptPersonal(dataKey: Buffer, eventId: string, canonicalPersonal: string): PersonalEnvelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(eventId));
  const ct = Buffer.concat([cipher.update(canonicalPersonal, 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function decryptPersonal(dataKey: Buffer, eventId: string, envelope: PersonalEnvelope): JsonObject {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(eventId));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as JsonObject;
}

/**
 * Keyed digest of the personal part for idempotency checks: a plain hash of low-entropy
 * personal data could be reversed by guessing, and this one dies with the data key.
 */
export function personalMac(dataKey: Buffer, canonicalPersonal: string): string {
  return createHmac('sha256', dataKey).update(canonicalPersonal).digest('hex');
}
