/** The envelope is the relay's: one type for what is published and what is consumed. */
export type { EventEnvelope } from '../relay/eventMessage';

/** Where a message was read from; offsets stay strings as kafkajs gives them (they are 64-bit). */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message value as a JSON object, or undefined when it is missing, not JSON, or not an object. */
export function parseEnvelopeJson(value: Buffer | null): Record<string, unknown> | undefined {
  if (value === null || value.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
