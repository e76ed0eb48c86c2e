/** The services that publish their events; each owns one topic. */
export type RelayService = 'evidence' | 'claims' | 'meeting-prep' | 'audit';

export const RELAY_SERVICES: readonly RelayService[] = ['evidence', 'claims', 'meeting-prep', 'audit'];

/**
 * The stream categories each service appends to, as its service descriptor declares them. Kept
 * here because libraries never import services; a process that has the descriptor at hand
 * passes its `categories` instead.
 */
export const SERVICE_CATEGORIES: Readonly<Record<RelayService, readonly string[]>> = {
  evidence: ['evidence', 'evidenceaccount', 'evidenceaccess'],
  claims: ['entity', 'claim'],
  'meeting-prep': ['brief', 'briefaccess'],
  audit: ['audit'],
};

/** Version 1 of a service's event topic: a breaking change to the envelope gets a new topic. */
export function eventsTopic(service: RelayService): string {
  return `todox.${service}.events.v1`;
}

export function isRelayService(value: string): value is RelayService {
  return (RELAY_SERVICES as readonly string[]).includes(value);
}
