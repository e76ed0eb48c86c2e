import type { Bullet } from '../brief/bullet';
import type { BriefSources } from '../brief/brief';
import { citedSpans } from '../citations/citation';
import type { BriefRequest } from './briefInput';
import type { MessageInWindow } from './messageDrafts';
import { sortBy } from './order';

/**
 * What the brief read: every claim given (closed action items and flagged claims shaped it too),
 * the threads and message versions in the window, and every version and mention a bullet cites.
 */
export function briefSources(
  request: BriefRequest,
  messages: readonly MessageInWindow[],
  bullets: readonly Bullet[],
): BriefSources {
  const citations = bullets.flatMap((b) => b.citations);
  const versions = new Map<string, { documentId: string; documentVersionId: string }>();
  const addVersion = (documentId: string, documentVersionId: string) =>
    versions.set(`${documentId}\u0000${documentVersionId}`, { documentId, documentVersionId });
  for (const { message } of messages) addVersion(message.documentId, message.documentVersionId);
  for (const span of citations.flatMap(citedSpans)) addVersion(span.documentId, span.documentVersionId);
  const mentions = citations.flatMap((c) => (c.kind === 'mention' ? [c.mentionId] : []));
  return {
    claims: sortBy(request.claims, (c) => [c.claimId]).map(({ claimId, revision }) => ({ claimId, revision })),
    mentions: [...new Set(mentions)].sort(),
    threads: [...new Set(messages.map((m) => m.threadId))].sort(),
    documentVersions: sortBy([...versions.values()], (v) => [v.documentId, v.documentVersionId]),
  };
}
