import type { PersonalState, RecordedEvent } from '@ledger/ledger';
import { verifyBriefHash, type Brief, type BriefSources } from '../brief/brief';
import { SECTION_TITLES, SECTIONS, type SectionName } from '../brief/bullet';
import { DISCLAIMER, type Disclaimer } from '../brief/disclaimer';
import type { Citation, NonEmpty } from '../citations/citation';
import { meetingPrepError } from '../meetingPrepError';
import { parseBriefComposed, type BriefComposedData } from './briefEvents';

export interface BulletView {
  bulletId: string;
  bulletIndex: number;
  section: SectionName;
  /** Null only when the brief's personal part was erased: its ids and citations stay. */
  text: string | null;
  citations: NonEmpty<Citation>;
}

export interface BriefSectionView {
  section: SectionName;
  title: string;
  bullets: BulletView[];
}

/**
 * A stored brief as the API returns it. `contentHash` covers the Brief fields (briefId, orgId,
 * subject, meetingDate, window, sections, sources, disclaimer); `personalState`, `composedAt`
 * and `composedBy` describe the record and are outside the hash.
 */
export interface BriefView {
  briefId: string;
  orgId: string;
  subject: { kind: 'Client' | 'Household'; entityId: string };
  meetingDate: string;
  window: { from: string; to: string };
  sections: BriefSectionView[];
  sources: BriefSources;
  disclaimer: Disclaimer;
  contentHash: string;
  personalState: Extract<PersonalState, 'present' | 'erased'>;
  composedAt: string;
  composedBy: string;
}

function integrityFailure(briefId: string, rule: string) {
  return meetingPrepError('MEETING_PREP.BRIEF_INTEGRITY_FAILED', 'briefId', rule, { briefId });
}

/** The decrypted brief, once its hash and its ids agree with the clear record. */
function checkedBrief(record: BriefComposedData, event: RecordedEvent): Brief {
  const brief = event.personal?.brief as unknown as Brief | undefined;
  if (!brief || typeof brief !== 'object' || !Array.isArray(brief.sections)) {
    throw integrityFailure(record.briefId, 'the stored brief is malformed');
  }
  if (!verifyBriefHash(brief) || brief.contentHash !== record.contentHash) {
    throw integrityFailure(record.briefId, 'the stored brief does not match its content hash');
  }
  if (brief.briefId !== record.briefId || brief.orgId !== event.orgId) {
    throw integrityFailure(record.briefId, 'the stored brief names another brief or org');
  }
  return brief;
}

/** Bullets of an erased brief: ids, sections and citations from the clear record, no text. */
function erasedSections(record: BriefComposedData): BriefSectionView[] {
  return SECTIONS.map((section) => ({
    section,
    title: SECTION_TITLES[section],
    bullets: record.bullets
      .filter((b) => b.section === section)
      .sort((a, b) => a.bulletIndex - b.bulletIndex)
      .map((b) => ({ ...b, text: null })),
  }));
}

/** The view of a BriefComposed event read with personal 'decrypt'. */
export function briefViewOf(event: RecordedEvent): BriefView {
  const record = parseBriefComposed(event.data);
  if (!record) throw integrityFailure(event.streamId, 'the stored record is not a brief');
  const present = event.personalState === 'present';
  const sections: BriefSectionView[] = present
    ? checkedBrief(record, event).sections.map((s) => ({
        section: s.section,
        title: s.title,
        bullets: s.bullets.map(({ bulletId, bulletIndex, section, text, citations }) => ({
          bulletId,
          bulletIndex,
          section,
          text,
          citations,
        })),
      }))
    : erasedSections(record);
  return {
    briefId: record.briefId,
    orgId: event.orgId,
    subject: record.subject,
    meetingDate: record.meetingDate,
    window: record.window,
    sections,
    sources: record.sources,
    disclaimer: DISCLAIMER,
    contentHash: record.contentHash,
    personalState: present ? 'present' : 'erased',
    composedAt: event.recordedAt,
    composedBy: event.metadata.actor,
  };
}
