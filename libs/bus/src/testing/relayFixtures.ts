import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, type EventType } from '@ledger/contracts';
import { streamCategory, type AppendRequest, type JsonObject, type Ledger, type SequencedEvent } from '@ledger/ledger';

/** The evidence service's categories interleaved with other services' ones. */
const CATEGORIES = ['evidence', 'claim', 'evidenceaccount', 'brief', 'evidenceaccess', 'entity'] as const;
export const OWN_CATEGORIES: readonly string[] = ['evidence', 'evidenceaccount', 'evidenceaccess'];

type Category = (typeof CATEGORIES)[number];

/** Where a personal canary starts: no message on the bus may contain it. */
export const PERSONAL_CANARY = 'personal-canary-';

/** Text that must never reach the bus in clear: it only exists inside sealed personal parts. */
export function personalCanary(orgId: string, i: number): string {
  return `${PERSONAL_CANARY}${orgId}-n${i}`;
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A contract event type with a payload its schema accepts, for the i-th append. */
interface FixtureEvent {
  type: EventType;
  data: (i: number) => JsonObject;
  /** Whether the type's schema requires a sealed personal part (otherwise it forbids one). */
  personal: boolean;
}

function documentData(i: number, version: number): JsonObject {
  return {
    documentId: `doc-${i}`,
    documentVersionId: `doc-${i}:v${version}`,
    version,
    providerAccountId: 'account-1',
    messageId: `msg-${i}`,
    threadId: `thread-${i % 7}`,
    internalDate: 1_700_000_000_000 + i,
    historyId: String(1000 + i),
    sourceHash: hex(`source-${i}-${version}`),
    contentLength: 100 + i,
  };
}

/**
 * Per category, the types the mix takes in turn. Only the evidence and brief ones have a personal
 * part, and those are exactly the categories at every third position of CATEGORIES.
 */
const FIXTURE_EVENTS: Readonly<Record<Category, readonly FixtureEvent[]>> = {
  evidence: [
    { type: 'DocumentIngested', personal: true, data: (i) => documentData(i, 1) },
    { type: 'DocumentVersionAdded', personal: true, data: (i) => documentData(i, 2) },
    {
      type: 'SpanPinned',
      personal: true,
      data: (i) => ({
        spanId: `doc-${i}:v1:s0`,
        documentId: `doc-${i}`,
        documentVersionId: `doc-${i}:v1`,
        startChar: 0,
        endChar: 12,
      }),
    },
  ],
  claim: [
    { type: 'ClaimRetracted', personal: false, data: (i) => ({ claimId: `claim-${i}`, reason: 'wrong-client' }) },
    {
      type: 'ClaimAsserted',
      personal: false,
      data: (i) => ({
        claimId: `claim-${i}`,
        subjectEntityId: `entity-${i}`,
        predicate: 'memberOf',
        object: { kind: 'entity', entityId: `household-${i % 3}` },
        citations: [
          {
            spanId: `doc-${i}:v1:s0`,
            documentId: `doc-${i}`,
            documentVersionId: `doc-${i}:v1`,
            startChar: 0,
            endChar: 12,
          },
        ],
        supersedes: null,
      }),
    },
  ],
  evidenceaccount: [
    {
      type: 'ProviderAccountRegistered',
      personal: false,
      data: (i) => ({ accountId: `account-${i}`, provider: 'gmail', label: 'Work', status: 'active' }),
    },
    {
      type: 'ProviderAccountStatusChanged',
      personal: false,
      data: (i) => ({ accountId: `account-${i}`, status: 'needs_relink' }),
    },
  ],
  brief: [
    {
      type: 'BriefComposed',
      personal: true,
      data: (i) => ({
        briefId: `brief-${i}`,
        subject: { kind: 'Household', entityId: `household-${i % 3}` },
        meetingDate: '2026-03-02',
        window: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
        contentHash: hex(`brief-${i}`),
        sources: { claims: [], mentions: [], threads: [], documentVersions: [] },
        bullets: [],
        readModelSeq: null,
      }),
    },
  ],
  evidenceaccess: [
    {
      type: 'EvidenceListed',
      personal: false,
      data: (i) => ({ filter: { kind: 'document', id: `doc-${i}` }, items: 1, documentVersionIds: [`doc-${i}:v1`] }),
    },
  ],
  entity: [
    {
      type: 'MentionAdded',
      personal: false,
      data: (i) => ({
        entityId: `entity-${i}`,
        mentionId: `mention-${i}`,
        span: {
          spanId: `doc-${i}:v1:s1`,
          documentId: `doc-${i}`,
          documentVersionId: `doc-${i}:v1`,
          startChar: 3,
          endChar: 9,
        },
      }),
    },
    {
      type: 'MentionRetracted',
      personal: false,
      data: (i) => ({ entityId: `entity-${i}`, mentionId: `mention-${i}`, reason: 'not-this-person' }),
    },
  ],
};

/**
 * The i-th append of a deterministic mix of contract events: own and foreign categories in turn,
 * a few streams each, every third event with a personal part and every fourth without trace context.
 */
export function mixedAppend(orgId: string, i: number): AppendRequest {
  const category = CATEGORIES[i % CATEGORIES.length];
  const choices = FIXTURE_EVENTS[category];
  const event = choices[Math.floor(i / CATEGORIES.length) % choices.length];
  const trace = (i + 1).toString(16).padStart(32, '0');
  return {
    orgId,
    streamId: `${category}-s${i % 5}`,
    expectedRevision: 'any',
    events: [
      {
        type: event.type,
        schemaVersion: SCHEMA_VERSION,
        data: event.data(i),
        ...(event.personal ? { personal: { note: personalCanary(orgId, i) } } : {}),
        metadata: {
          actor: 'relay-test',
          ...(i % 4 !== 0 ? { traceparent: `00-${trace}-${trace.slice(16)}-01` } : {}),
        },
      },
    ],
  };
}

/** The org of the i-th append: pairs of appends per org in turn, so that every org gets every category. */
export function orgOf(orgs: readonly string[], i: number): string {
  return orgs[Math.floor(i / 2) % orgs.length];
}

/** Appends events `from` .. `to - 1` of the mix, spread over the orgs. */
export async function appendMixed(ledger: Ledger, orgs: readonly string[], from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await ledger.append(mixedAppend(orgOf(orgs, i), i));
}

/** Every sequenced event of the given categories, in log order, once the sequencer has caught up. */
export async function sequencedEvents(ledger: Ledger, categories = OWN_CATEGORIES): Promise<SequencedEvent[]> {
  await ledger.sequencer.drain();
  const events: SequencedEvent[] = [];
  for await (const event of ledger.readAll()) {
    if (categories.includes(streamCategory(event.streamId))) events.push(event);
  }
  return events;
}

/** The last sequenced log position, of any category; -1 for an empty log. */
export async function logHead(ledger: Ledger): Promise<number> {
  await ledger.sequencer.drain();
  let head = -1;
  for await (const event of ledger.readAll()) head = event.logSeq;
  return head;
}
