/**
 * Every event type a service appends, by the service whose topic carries it, with the schema
 * version it is published at. Each has `contracts/events/<type>.v<version>.schema.json`.
 * The projection events are appended by the shared projections library, but into the audit
 * service's `audit-projections` stream, so they travel on the audit topic; so do the ledger's
 * compliance events (`audit-compliance`, `audit-retention-<sweepId>`); the audit service's erasure
 * requests are `audit-erasure-<requestId>`.
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
    'RetentionClassSet',
    'LegalHoldPlaced',
    'LegalHoldReleased',
    'RetentionShredded',
    'ErasureRequested',
    'ErasureCarriedOut',
  ],
} as const satisfies Record<string, readonly string[]>;

/** A service that publishes events of the contract. */
export type EventService = keyof typeof EVENT_CATALOG;

export type EventType = (typeof EVENT_CATALOG)[EventService][number];

/** The event types published on service `S`'s topic. */
export type ServiceEventType<S extends EventService> = (typeof EVENT_CATALOG)[S][number];

/** The first schema version of every event type, and the current one of types never changed. */
export const SCHEMA_VERSION = 1;

/**
 * Event types whose current schema is past v1, with that version. Each moved free text out of
 * the clear payload into the sealed part (`ledger-event.md`); events already stored keep their
 * version and stay readable, so every version from 1 up has a schema file.
 */
export const CURRENT_SCHEMA_VERSIONS: Readonly<Partial<Record<EventType, number>>> = {
  ProviderAccountRegistered: 2,
  ClaimSuperseded: 2,
  ClaimRetracted: 2,
  MentionRetracted: 2,
  AuditExported: 2,
  ProjectionSkipped: 2,
};

/** The schema version producers append an event type at. */
export function currentSchemaVersion(type: string): number {
  return CURRENT_SCHEMA_VERSIONS[type as EventType] ?? SCHEMA_VERSION;
}

/** Every schema version of a type readers must accept, oldest first. */
export function schemaVersionsOf(type: string): number[] {
  return Array.from({ length: currentSchemaVersion(type) }, (_, i) => i + 1);
}

export function eventSchemaFile(type: string, version = currentSchemaVersion(type)): string {
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
