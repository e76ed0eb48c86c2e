import type { AppendResult, Ledger, NewEvent } from '@ledger/ledger';
import type { ProjectionWaiter } from '@ledger/projections';

/** A span as the claims service cites it. */
export interface SpanRef {
  spanId: string;
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
}

export interface MessageFixture {
  documentId: string;
  threadId: string;
  /** ISO instant; stored as Gmail's internalDate (ms). */
  sentAt: string;
  from: string;
  to: string[];
  cc?: string[];
  title?: string;
  content: string;
}

const metadata = { actor: 'fixture' };

/**
 * Test fixtures written straight to the ledger as the evidence and claims services would write
 * them (same stream names, types and payload shapes, personal parts encrypted), without
 * importing either service.
 */
export class LedgerFixtures {
  private readonly positions: number[] = [];
  private readonly versions = new Map<string, number>();
  /** Content of every stored version, by documentVersionId. */
  readonly contents = new Map<string, string>();

  constructor(
    private readonly ledger: Ledger,
    readonly orgId: string,
  ) {}

  private async append(streamId: string, ...events: Omit<NewEvent, 'metadata'>[]): Promise<AppendResult> {
    const result = await this.ledger.append({
      orgId: this.orgId,
      streamId,
      expectedRevision: 'any',
      events: events.map((e) => ({ ...e, metadata })),
    });
    this.positions.push(...result.positions);
    return result;
  }

  /** Ingests a message, or adds a new version when the document exists; returns the version id. */
  async message(m: MessageFixture): Promise<string> {
    const version = (this.versions.get(m.documentId) ?? 0) + 1;
    this.versions.set(m.documentId, version);
    const documentVersionId = `${m.documentId}:v${version}`;
    this.contents.set(documentVersionId, m.content);
    await this.append(`evidence-${m.documentId}`, {
      type: version === 1 ? 'DocumentIngested' : 'DocumentVersionAdded',
      data: {
        documentId: m.documentId,
        documentVersionId,
        version,
        providerAccountId: 'acct-gmail-1',
        messageId: `msg-${m.documentId}`,
        threadId: m.threadId,
        internalDate: Date.parse(m.sentAt),
        historyId: String(1000 + version),
        sourceHash: `hash-${documentVersionId}`,
        contentLength: m.content.length,
      },
      personal: { title: m.title ?? 'Re: planning', content: m.content, from: m.from, to: m.to, cc: m.cc ?? [] },
    });
    return documentVersionId;
  }

  async tombstone(documentId: string): Promise<void> {
    await this.append(`evidence-${documentId}`, {
      type: 'DocumentTombstoned',
      data: { documentId, reason: 'deleted in gmail' },
    });
  }

  async resurrect(documentId: string): Promise<void> {
    await this.append(`evidence-${documentId}`, {
      type: 'DocumentResurrected',
      data: { documentId, messageId: `msg-${documentId}` },
    });
  }

  /** Pins the first occurrence of `needle` in the version (SpanPinned, text in the personal part). */
  async span(documentVersionId: string, needle: string, spanId: string): Promise<SpanRef> {
    const content = this.contents.get(documentVersionId);
    const startChar = content?.indexOf(needle) ?? -1;
    if (content === undefined || startChar < 0) throw new Error(`fixture: ${needle} not in ${documentVersionId}`);
    const documentId = documentVersionId.slice(0, documentVersionId.lastIndexOf(':'));
    const span = { spanId, documentId, documentVersionId, startChar, endChar: startChar + needle.length };
    await this.append(`evidence-${documentId}`, { type: 'SpanPinned', data: { ...span }, personal: { text: needle } });
    return span;
  }

  async entity(entityId: string, kind: string, label: string): Promise<void> {
    await this.append(`entity-${entityId}`, { type: 'EntityCreated', data: { entityId, kind }, personal: { label } });
  }

  async mention(entityId: string, mentionId: string, span: SpanRef): Promise<void> {
    await this.append(`entity-${entityId}`, {
      type: 'MentionAdded',
      data: { entityId, mentionId, span: { ...span } },
    });
  }

  async retractMention(entityId: string, mentionId: string): Promise<void> {
    await this.append(`entity-${entityId}`, {
      type: 'MentionRetracted',
      data: { entityId, mentionId, reason: 'wrong person' },
    });
  }

  async claim(
    claimId: string,
    subjectEntityId: string,
    predicate: string,
    object: { entityId: string } | { literal: string | number | boolean },
    citations: SpanRef[],
    supersedes: string | null = null,
  ): Promise<void> {
    const isEntity = 'entityId' in object;
    await this.append(`claim-${claimId}`, {
      type: 'ClaimAsserted',
      data: {
        claimId,
        subjectEntityId,
        predicate,
        object: isEntity ? { kind: 'entity', entityId: object.entityId } : { kind: 'literal' },
        citations: citations.map((c) => ({ ...c })),
        supersedes,
      },
      ...(isEntity ? {} : { personal: { literal: object.literal } }),
    });
    if (supersedes) {
      await this.append(`claim-${supersedes}`, {
        type: 'ClaimSuperseded',
        data: { claimId: supersedes, supersededBy: claimId, reason: 'corrected' },
      });
    }
  }

  async retractClaim(claimId: string): Promise<void> {
    await this.append(`claim-${claimId}`, { type: 'ClaimRetracted', data: { claimId, reason: 'mistaken' } });
  }

  /** Raw events, for tolerant-reader tests. */
  async raw(streamId: string, type: string, data: NewEvent['data']): Promise<void> {
    await this.append(streamId, { type, data });
  }

  /** Waits until every fixture event so far is sequenced and projected. */
  async settle(waiter: ProjectionWaiter): Promise<void> {
    const ok = await waiter.waitFor(this.orgId, this.positions);
    if (!ok) throw new Error('fixture events were not projected in time');
  }
}
