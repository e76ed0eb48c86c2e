import type { RecordedEvent } from '@ledger/ledger';
import type { BriefRequest, ClaimInput, EntityRef, MessageInput, ThreadInput } from '../compose/briefInput';
import { sortBy } from '../compose/order';
import { addressSet } from './emailAddresses';
import type { SourceSnapshot } from '../sources/gatherSources';
import { personalOf, stringList } from './personalParts';
import type { ClaimRow } from '../sources/sourceQueries';

/** The predicate whose literal is one of a client's email addresses. */
export const EMAIL_PREDICATE = 'emailAddress';

/** Shown for a label whose entity stream was erased (crypto-shredded). */
export const ERASED_LABEL = '[erased]';

type Decrypted = ReadonlyMap<string, RecordedEvent>;

/** The event ids whose personal parts the brief needs: labels, literals, messages. */
export function personalEventIds(snapshot: SourceSnapshot): string[] {
  return [
    ...[...snapshot.entities.values()].map((e) => e.labelEventId),
    ...snapshot.claims.filter((c) => c.object.kind === 'literal').map((c) => c.assertedEventId),
    ...snapshot.messages.map((m) => m.versionEventId),
  ];
}

function entityRef(snapshot: SourceSnapshot, decrypted: Decrypted, entityId: string): EntityRef | null {
  const entity = snapshot.entities.get(entityId);
  if (!entity) return null;
  const label = personalOf(decrypted.get(entity.labelEventId))?.label;
  return { entityId, kind: entity.kind, label: typeof label === 'string' && label.trim() ? label : ERASED_LABEL };
}

function literalOf(decrypted: Decrypted, claim: ClaimRow): string | number | boolean | null {
  const literal = personalOf(decrypted.get(claim.assertedEventId))?.literal;
  return typeof literal === 'string' || typeof literal === 'number' || typeof literal === 'boolean' ? literal : null;
}

/**
 * A claim as the composer takes it, or null when it cannot be stated: an entity it names is
 * unknown, its literal was erased, or it cites no well-formed span.
 */
function claimInput(snapshot: SourceSnapshot, decrypted: Decrypted, claim: ClaimRow): ClaimInput | null {
  const subject = entityRef(snapshot, decrypted, claim.subjectEntityId);
  if (!subject || claim.citations.length === 0) return null;
  let object: ClaimInput['object'];
  if (claim.object.kind === 'entity') {
    const entity = entityRef(snapshot, decrypted, claim.object.entityId);
    if (!entity) return null;
    object = { kind: 'entity', entity };
  } else {
    const value = literalOf(decrypted, claim);
    if (value === null) return null;
    object = { kind: 'literal', value };
  }
  // Stale when a cited version is no longer its document's latest, or the document is gone.
  const staleEvidence = claim.citations.some(
    (span) => snapshot.latestVersions.get(span.documentId) !== span.documentVersionId,
  );
  return {
    claimId: claim.claimId,
    revision: claim.revision,
    subject,
    predicate: claim.predicate,
    object,
    citations: claim.citations,
    staleEvidence,
  };
}

/** Threads with their participants (every address on any live message) and their messages. */
function threadInputs(snapshot: SourceSnapshot, decrypted: Decrypted): ThreadInput[] {
  const threads = new Map<string, { addresses: string[]; messages: MessageInput[] }>();
  for (const row of snapshot.messages) {
    const personal = personalOf(decrypted.get(row.versionEventId));
    if (!personal || typeof personal.content !== 'string') continue;
    const from = typeof personal.from === 'string' ? personal.from : '';
    const thread = threads.get(row.threadId) ?? { addresses: [], messages: [] };
    thread.addresses.push(from, ...stringList(personal.to), ...stringList(personal.cc));
    thread.messages.push({
      messageId: row.messageId,
      documentId: row.documentId,
      documentVersionId: row.documentVersionId,
      sentAt: new Date(row.internalDate).toISOString(),
      from: from || '(no sender)',
      text: personal.content,
    });
    threads.set(row.threadId, thread);
  }
  return sortBy([...threads], ([threadId]) => [threadId]).map(([threadId, t]) => ({
    threadId,
    participants: addressSet(t.addresses),
    messages: sortBy(t.messages, (m) => [m.documentId]),
  }));
}

/** Joins the snapshot with the decrypted personal parts into the composer's input. */
export function buildBriefRequest(
  orgId: string,
  briefId: string,
  meetingDate: string,
  snapshot: SourceSnapshot,
  decrypted: Decrypted,
): BriefRequest {
  const subject = entityRef(snapshot, decrypted, snapshot.subject.entityId);
  const claims = snapshot.claims.flatMap((c) => claimInput(snapshot, decrypted, c) ?? []);
  const emailAddresses = addressSet(
    claims
      .filter((c) => c.predicate === EMAIL_PREDICATE && snapshot.holders.includes(c.subject.entityId))
      .flatMap((c) => (c.object.kind === 'literal' && typeof c.object.value === 'string' ? [c.object.value] : [])),
  );
  return {
    orgId,
    briefId,
    meetingDate,
    subject: {
      kind: snapshot.subject.kind,
      entityId: snapshot.subject.entityId,
      label: subject?.label ?? ERASED_LABEL,
      emailAddresses,
      mentions: snapshot.mentions,
    },
    claims,
    threads: threadInputs(snapshot, decrypted),
  };
}
