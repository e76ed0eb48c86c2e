import type { JsonObject, JsonValue, SequencedEvent } from '@ledger/ledger';

/**
 * Finds the streams that hold a client entity's personal data, from the clear-text ids of the
 * org's events (contracts/ledger-event.md, "What may stay in clear"), so no service is asked
 * and none is imported. A stream holds the client's data when it is:
 * - the stream an `EntityCreated` of the entity is in (its label, its mentions);
 * - the stream of a `MentionAdded` of the entity, of a `ClaimAsserted` with the entity as
 *   subject or object (with its supersessions and retractions), of a `BriefComposed` for it;
 * - the stream of a document those mentions, claims and briefs cite (its ingest, versions and
 *   pinned spans): the whole document is erased, other clients it names included.
 * Documents are found by id through their own events, not by a stream naming rule.
 */
export class ClientStreamFinder {
  private readonly streams = new Set<string>();
  private readonly citedDocuments = new Set<string>();
  private readonly documentStreams = new Map<string, Set<string>>();
  private found = false;

  constructor(private readonly entityId: string) {}

  /** Feeds one event of the org, in any order. */
  add(event: Pick<SequencedEvent, 'type' | 'streamId' | 'data'>): void {
    const { data, streamId } = event;
    switch (event.type) {
      case 'EntityCreated':
        if (data.entityId === this.entityId) {
          this.found = true;
          this.streams.add(streamId);
        }
        break;
      case 'MentionAdded':
        if (data.entityId === this.entityId) {
          this.streams.add(streamId);
          this.cite(objectAt(data, 'span')?.documentId);
        }
        break;
      case 'ClaimAsserted':
        if (data.subjectEntityId === this.entityId || objectAt(data, 'object')?.entityId === this.entityId) {
          this.streams.add(streamId);
          for (const citation of listAt(data, 'citations')) this.cite(citation.documentId);
        }
        break;
      case 'BriefComposed':
        if (objectAt(data, 'subject')?.entityId === this.entityId) {
          this.streams.add(streamId);
          for (const version of listAt(objectAt(data, 'sources') ?? {}, 'documentVersions'))
            this.cite(version.documentId);
        }
        break;
      case 'DocumentIngested':
      case 'DocumentVersionAdded':
      case 'SpanPinned':
        if (typeof data.documentId === 'string') {
          const streams = this.documentStreams.get(data.documentId) ?? new Set<string>();
          streams.add(streamId);
          this.documentStreams.set(data.documentId, streams);
        }
        break;
      default:
    }
  }

  /** Whether the org has the entity at all: a client unknown to it has nothing to erase. */
  get entityFound(): boolean {
    return this.found;
  }

  /** Every stream found, sorted. */
  result(): string[] {
    const all = new Set(this.streams);
    for (const documentId of this.citedDocuments)
      for (const s of this.documentStreams.get(documentId) ?? []) all.add(s);
    return [...all].sort();
  }

  private cite(documentId: JsonValue | undefined): void {
    if (typeof documentId === 'string') this.citedDocuments.add(documentId);
  }
}

function objectAt(data: JsonObject, key: string): JsonObject | undefined {
  const value = data[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function listAt(data: JsonObject, key: string): JsonObject[] {
  const value = data[key];
  return Array.isArray(value)
    ? value.filter((item): item is JsonObject => typeof item === 'object' && item !== null && !Array.isArray(item))
    : [];
}
