import type { JsonObject, JsonValue } from '@ledger/ledger';
import type { Brief, BriefSources } from '../brief/brief';
import { SECTIONS, type SectionName } from '../brief/bullet';
import { checkCitations, type Citation, type NonEmpty } from '../citations/citation';
import { integerField, objectField, textField } from '../projection/eventFields';

/** Event types of the meeting-prep streams, schema version 1. */
export const BRIEF_COMPOSED = 'BriefComposed';
export const BRIEF_VIEWED = 'BriefViewed';

/** `briefaccess-<YYYY-MM-DD>`: one stream per UTC day of reads, appended in groups. */
export function briefAccessStreamId(at: Date): string {
  return `briefaccess-${at.toISOString().slice(0, 10)}`;
}

/** A bullet as recorded in clear: which claims, mentions and spans it cites, never its text. */
export interface RecordedBullet {
  bulletId: string;
  bulletIndex: number;
  section: SectionName;
  citations: NonEmpty<Citation>;
}

/**
 * The clear part of BriefComposed: ids, versions, offsets and the content hash. The brief
 * itself, with every text, travels in the personal part as `{ brief }`.
 */
export interface BriefComposedData {
  briefId: string;
  subject: { kind: 'Client' | 'Household'; entityId: string };
  meetingDate: string;
  window: { from: string; to: string };
  contentHash: string;
  sources: BriefSources;
  bullets: RecordedBullet[];
  /** The per-org sequence number the read models had applied when the brief read them. */
  readModelSeq: number | null;
}

function asJson(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

export function briefComposedData(brief: Brief, readModelSeq: number | null): JsonObject {
  const data: BriefComposedData = {
    briefId: brief.briefId,
    subject: brief.subject,
    meetingDate: brief.meetingDate,
    window: brief.window,
    contentHash: brief.contentHash,
    sources: brief.sources,
    bullets: brief.sections.flatMap((s) =>
      s.bullets.map(({ bulletId, bulletIndex, section, citations }) => ({ bulletId, bulletIndex, section, citations })),
    ),
    readModelSeq,
  };
  return asJson(data);
}

export function briefComposedPersonal(brief: Brief): JsonObject {
  return { brief: asJson(brief) };
}

function parseBullet(value: JsonValue, i: number): RecordedBullet | null {
  const bullet = objectField(value);
  if (!bullet) return null;
  const bulletId = textField(bullet.bulletId);
  const bulletIndex = integerField(bullet.bulletIndex);
  const section = textField(bullet.section);
  if (!bulletId || bulletIndex === null || !SECTIONS.some((s) => s === section)) return null;
  const citations = bullet.citations as unknown as NonEmpty<Citation>;
  try {
    checkCitations(citations, `bullets[${i}].citations`);
  } catch {
    return null;
  }
  return { bulletId, bulletIndex, section: section as SectionName, citations };
}

/**
 * Reads BriefComposed data back, checking its shape (a rebuilt read model or an old event must
 * not be trusted blindly); null when it is not a brief record.
 */
export function parseBriefComposed(data: JsonObject): BriefComposedData | null {
  const briefId = textField(data.briefId);
  const subject = objectField(data.subject);
  const kind = subject ? textField(subject.kind) : null;
  const entityId = subject ? textField(subject.entityId) : null;
  const meetingDate = textField(data.meetingDate);
  const window = objectField(data.window);
  const from = window ? textField(window.from) : null;
  const to = window ? textField(window.to) : null;
  const contentHash = textField(data.contentHash);
  const sources = objectField(data.sources);
  if (!briefId || !entityId || !meetingDate || !from || !to || !contentHash || !sources) return null;
  if (kind !== 'Client' && kind !== 'Household') return null;
  if (!Array.isArray(data.bullets)) return null;
  const bullets = data.bullets.map(parseBullet);
  if (bullets.some((b) => b === null)) return null;
  return {
    briefId,
    subject: { kind, entityId },
    meetingDate,
    window: { from, to },
    contentHash,
    sources: sources as unknown as BriefSources,
    bullets: bullets.filter((b): b is RecordedBullet => b !== null),
    readModelSeq: integerField(data.readModelSeq),
  };
}
