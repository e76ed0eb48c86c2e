import { checkCitations, type Citation, type NonEmpty } from '../citations/citation';
import { meetingPrepError } from '../meetingPrepError';

export const SECTIONS = ['summary', 'recentCommunications', 'openActionItems', 'complianceNotes'] as const;
export type SectionName = (typeof SECTIONS)[number];

export const SECTION_TITLES: Readonly<Record<SectionName, string>> = {
  summary: 'Summary',
  recentCommunications: 'Recent communications',
  openActionItems: 'Open action items',
  complianceNotes: 'Compliance notes',
};

/** A bullet before it is numbered; `citations` cannot be empty, by type. */
export interface BulletDraft {
  section: SectionName;
  text: string;
  citations: NonEmpty<Citation>;
}

/** An immutable line of a brief. `bulletIndex` is 0-based across the whole brief, in section order. */
export interface Bullet extends BulletDraft {
  bulletId: string;
  bulletIndex: number;
}

/** The id Evidence.List is filtered by: stable, derived from the brief and the position. */
export function bulletIdFor(briefId: string, bulletIndex: number): string {
  return `${briefId}:b${bulletIndex}`;
}

/** The one way to make a bullet; it re-checks at run time what the type promises. */
export function createBullet(briefId: string, bulletIndex: number, draft: BulletDraft): Bullet {
  const field = `bullets[${bulletIndex}]`;
  if (!SECTIONS.includes(draft.section)) {
    throw meetingPrepError('MEETING_PREP.INVALID_FIELD', `${field}.section`, `must be one of ${SECTIONS.join(', ')}`);
  }
  if (typeof draft.text !== 'string' || draft.text.trim().length === 0) {
    throw meetingPrepError('MEETING_PREP.INVALID_FIELD', `${field}.text`, 'must be a non-blank string');
  }
  checkCitations(draft.citations, `${field}.citations`);
  return {
    bulletId: bulletIdFor(briefId, bulletIndex),
    bulletIndex,
    section: draft.section,
    text: draft.text,
    citations: draft.citations,
  };
}
