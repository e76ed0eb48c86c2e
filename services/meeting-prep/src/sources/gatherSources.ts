import { inTransaction } from '@ledger/postgres';
import { activeGeneration } from '@ledger/projections';
import type { Pool } from 'pg';
import type { MeetingWindow } from '../compose/meetingWindow';
import { meetingPrepError } from '../meetingPrepError';
import { MEETING_PREP_PROJECTION } from '../projection/tables';
import { SourceQueries, type ClaimRow, type EntityRow, type MentionRow, type MessageRow } from './sourceQueries';

export const SUBJECT_KINDS = ['Client', 'Household'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The most thread messages one brief reads; their participants must all be decrypted to match. */
export const MAX_MESSAGES = 5000;

/** Everything a brief reads from the read models, as of one snapshot. Ids and offsets only. */
export interface SourceSnapshot {
  subject: EntityRow & { kind: SubjectKind };
  /** The subject, and for a household its member clients: whose addresses select threads. */
  holders: string[];
  claims: ClaimRow[];
  entities: Map<string, EntityRow>;
  mentions: MentionRow[];
  /** Latest version of each cited live document. */
  latestVersions: Map<string, string>;
  messages: MessageRow[];
  readModelSeq: number | null;
}

function isSubjectKind(kind: string): kind is SubjectKind {
  return (SUBJECT_KINDS as readonly string[]).includes(kind);
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function subjectNotFound(subjectEntityId: string) {
  return meetingPrepError(
    'MEETING_PREP.SUBJECT_NOT_FOUND',
    'subjectEntityId',
    'must name an existing entity of this org',
    { subjectEntityId },
  );
}

/** The subject must exist in this org and be a Client or Household. */
export async function findSubject(
  queries: SourceQueries,
  subjectEntityId: string,
): Promise<EntityRow & { kind: SubjectKind }> {
  const [subject] = await queries.entities([subjectEntityId]);
  if (!subject) throw subjectNotFound(subjectEntityId);
  const { kind } = subject;
  if (!isSubjectKind(kind)) {
    throw meetingPrepError('MEETING_PREP.INVALID_SUBJECT', 'subjectEntityId', 'must name a Client or Household', {
      subjectEntityId,
      kind,
    });
  }
  return { ...subject, kind };
}

/** Runs `work` on the live generation of the org, in one read-only snapshot of the read models. */
export function withSnapshot<T>(pool: Pool, orgId: string, work: (queries: SourceQueries) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const generation = await activeGeneration(client, MEETING_PREP_PROJECTION, orgId);
    return work(new SourceQueries(client, orgId, generation));
  });
}

/**
 * The subject's current claims (for a household, its members' too), the current claims about the
 * entities those claims point to that are not clients or households (accounts, life events,
 * action items: their type, date, status), the subject's mentions, and every message of the
 * threads active in the window. One snapshot, so the brief reads one consistent state.
 */
export function gatherSources(
  pool: Pool,
  orgId: string,
  subjectEntityId: string,
  window: MeetingWindow,
): Promise<SourceSnapshot> {
  return withSnapshot(pool, orgId, async (q) => {
    const subject = await findSubject(q, subjectEntityId);
    const members = subject.kind === 'Household' ? await q.members(subject.entityId) : [];
    const holders = unique([subject.entityId, ...members]);
    const direct = await q.claimsAbout(holders);
    const pointedTo = unique(direct.flatMap((c) => (c.object.kind === 'entity' ? [c.object.entityId] : [])));
    const owned = (await q.entities(pointedTo)).filter((e) => !isSubjectKind(e.kind)).map((e) => e.entityId);
    const related = await q.claimsAbout(owned);
    const claims = [...new Map([...direct, ...related].map((c) => [c.claimId, c])).values()];
    const entityIds = unique([
      ...holders,
      ...claims.flatMap((c) => [c.subjectEntityId, ...(c.object.kind === 'entity' ? [c.object.entityId] : [])]),
    ]);
    const entities = new Map((await q.entities(entityIds)).map((e) => [e.entityId, e]));
    const mentions = await q.mentionsOf(subject.entityId);
    const cited = unique([
      ...claims.flatMap((c) => c.citations.map((s) => s.documentId)),
      ...mentions.map((m) => m.span.documentId),
    ]);
    const latestVersions = await q.latestVersions(cited);
    const threads = await q.threadsActiveIn(window.fromMs, window.toMs);
    const messages = await q.messagesOf(threads, MAX_MESSAGES + 1);
    if (messages.length > MAX_MESSAGES) {
      throw meetingPrepError(
        'MEETING_PREP.INVALID_FIELD',
        'window',
        `must cover threads with at most ${MAX_MESSAGES} messages; narrow it`,
      );
    }
    const readModelSeq = await q.appliedSeq();
    return { subject, holders, claims, entities, mentions, latestVersions, messages, readModelSeq };
  });
}
