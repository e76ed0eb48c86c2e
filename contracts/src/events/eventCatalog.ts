/**
 * Every event type a service appends, by the service whose topic carries it, with the schema
 * version it is published at. Each has `contracts/events/<type>.v<version>.schema.json`.
 * The projection events are appended by the shared projections library, but into the audit
 * service's `audit-projections` stream, so they travel on the audit topic.
 */
export const EVENT_CATALOG = {
  evidence: [
    'ProviderAccountRegistered',
    'ProviderAccountStatusChanged',
    'DocumentIngested',
    'DocumentVersionAdded',
    'DocumentTombstoned',
    'DocumentResurrected',
    'SpanPinned',
    'EvidenceListed',
  ],
  claims: ['EntityCreated', 'MentionAdded', 'MentionRetracted', 'ClaimAsserted', 'ClaimSuperseded', 'ClaimRetracted'],
  'meeting-prep': ['BriefComposed', 'BriefViewed'],
  audit: [
    'AuditExported',
    'ProjectionRebuildStarted',
    'ProjectionRebuildFinished',
    'ProjectionSkipped',
    'ProjectionResumed',
  ],
} as const satisfies Record<string, readonly string[]>;

/** A service that publishes events of the contract. */
export type EventService = keyof typeof EVENT_CATALOG;

export type EventType = (typeof EVENT_CATALOG)[EventService][number];

/** The event types published on service `S`'s topic. */
export type ServiceEventType<S extends EventService> = (typeof EVENT_CATALOG)[S][number];

/** All event types are at schema version 1 so far. */
export const SCHEMA_VERSION = 1;

export function eventSchemaFile(type: string, version = SCHEMA_VERSION): string {
  return `${type}.v${version}.schema.json`;
}

export const ENVELOPE_SCHEMA_FILE = 'envelope.v1.schema.json';

export function allEventTypes(): EventType[] {
  return Object.values(EVENT_CATALOG).flat();
}

/** The service whose topic carries an event type, or undefined for a type not in the contract. */
export function serviceOf(type: string): EventService | undefined {
  const entry = Object.entries(EVENT_CATALOG).find(([, types]) => (types as readonly string[]).includes(type));
  return entry?.[0] as EventService | undefined;
}
