import type { IHeaders } from 'kafkajs';

/** The headers every event message carries (DESIGN.md, "Kafka contract"), as the relay writes them. */
export { EVENT_HEADERS } from '../relay/eventMessage';

/**
 * A header's text, or undefined when it is absent or repeated: a message that names two orgs
 * (or two event ids) cannot be trusted to mean either.
 */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  if (raw === undefined) return undefined;
  const single = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
  if (single === undefined) return undefined;
  return typeof single === 'string' ? single : single.toString('utf8');
}
