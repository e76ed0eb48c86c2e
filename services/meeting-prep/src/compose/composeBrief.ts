import { sealBrief, type Brief, type BriefSection } from '../brief/brief';
import { createBullet, SECTION_TITLES, SECTIONS, type Bullet } from '../brief/bullet';
import { DISCLAIMER } from '../brief/disclaimer';
import { DEFAULT_BRIEF_OPTIONS, type BriefOptions, type BriefRequest } from './briefInput';
import { briefSources } from './briefSources';
import { claimDrafts } from './claimDrafts';
import type { KeyedDraft } from './keyedDraft';
import { meetingWindow } from './meetingWindow';
import { messageDrafts, messagesInWindow } from './messageDrafts';
import { sortBy } from './order';
import { validateRequest } from './validateRequest';

/** Sections in fixed order, each sorted by its drafts' keys; bullets numbered across the brief. */
function numberBullets(briefId: string, drafts: readonly KeyedDraft[]): BriefSection[] {
  let next = 0;
  return SECTIONS.map((section) => {
    const ordered = sortBy(
      drafts.filter((d) => d.draft.section === section),
      (d) => d.key,
    );
    const bullets: Bullet[] = ordered.map((d) => createBullet(briefId, next++, d.draft));
    return { section, title: SECTION_TITLES[section], bullets };
  });
}

/**
 * Composes a brief with no language model: every line is built from a claim, a mention or a
 * message and cites it. A pure function: the same request and options give the same brief,
 * byte for byte, whatever the order of the lists in the request.
 */
export function composeBrief(request: BriefRequest, options: BriefOptions = DEFAULT_BRIEF_OPTIONS): Brief {
  validateRequest(request, options);
  const window = meetingWindow(request.meetingDate, options.window);
  const messages = messagesInWindow(request, window);
  const drafts = [...claimDrafts(request, options), ...messageDrafts(messages, options)];
  const sections = numberBullets(request.briefId, drafts);
  return sealBrief({
    briefId: request.briefId,
    orgId: request.orgId,
    subject: { kind: request.subject.kind, entityId: request.subject.entityId },
    meetingDate: request.meetingDate,
    window: { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString() },
    sections,
    sources: briefSources(
      request,
      messages,
      sections.flatMap((s) => s.bullets),
    ),
    disclaimer: DISCLAIMER,
  });
}

export function briefStreamId(briefId: string): string {
  return `brief-${briefId}`;
}
