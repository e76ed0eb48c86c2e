import type { PinnedSpan } from '../citations/citation';
import { findPhrases, withhold, type PhraseMatch } from '../compliance/compliancePhrases';
import type { BriefOptions, BriefRequest, MessageInput, ThreadInput } from './briefInput';
import { isoDate, nonEmpty, spanCitation, type KeyedDraft } from './keyedDraft';
import type { MeetingWindow } from './meetingWindow';
import { parseInstant } from './meetingWindow';
import { sortBy } from './order';

export interface MessageInWindow {
  threadId: string;
  message: MessageInput;
  sentMs: number;
}

function normalise(address: string): string {
  return address.trim().toLowerCase();
}

/** Messages sent within the window in threads that share a participant with the subject. */
export function messagesInWindow(request: BriefRequest, window: MeetingWindow): MessageInWindow[] {
  const addresses = new Set(request.subject.emailAddresses.map(normalise));
  const overlaps = (thread: ThreadInput) => thread.participants.some((p) => addresses.has(normalise(p)));
  return request.threads.filter(overlaps).flatMap((thread, t) =>
    thread.messages
      .map((message, m) => ({
        threadId: thread.threadId,
        message,
        sentMs: parseInstant(message.sentAt, `threads[${t}].messages[${m}].sentAt`),
      }))
      .filter(({ sentMs }) => sentMs >= window.fromMs && sentMs < window.toMs),
  );
}

/**
 * The quoted part of a message: its first non-blank line, at most `max` code units, cut at a
 * space when it must be cut and never inside a surrogate pair. Null for a blank message.
 */
export function excerptOf(text: string, max: number): { startChar: number; endChar: number; cut: boolean } | null {
  const startChar = text.search(/\S/);
  if (startChar < 0) return null;
  const lineEnd = text.indexOf('\n', startChar);
  const end = (lineEnd < 0 ? text.length : lineEnd) - (text[lineEnd - 1] === '\r' ? 1 : 0);
  if (end - startChar <= max) return { startChar, endChar: end, cut: false };
  let endChar = startChar + max;
  const space = text.lastIndexOf(' ', endChar);
  if (space > startChar) endChar = space;
  const code = text.charCodeAt(endChar - 1);
  if (code >= 0xd800 && code <= 0xdbff) endChar -= 1;
  return { startChar, endChar, cut: true };
}

function pin(message: MessageInput, startChar: number, endChar: number): PinnedSpan {
  return {
    spanId: null,
    documentId: message.documentId,
    documentVersionId: message.documentVersionId,
    startChar,
    endChar,
  };
}

function communicationDraft(
  entry: MessageInWindow,
  matches: readonly PhraseMatch[],
  options: BriefOptions,
): KeyedDraft | null {
  const { message, sentMs } = entry;
  const excerpt = excerptOf(message.text, options.excerptLength);
  if (!excerpt) return null;
  const overlapsPhrase = matches.some((m) => m.startChar < excerpt.endChar && m.endChar > excerpt.startChar);
  const head = `${isoDate(sentMs)}, ${withhold(message.from, options.compliancePhrases)}`;
  const quoted = message.text.slice(excerpt.startChar, excerpt.endChar);
  const text = overlapsPhrase
    ? `${head}: excerpt withheld (see compliance notes).`
    : `${head}: "${quoted}${excerpt.cut ? '…' : ''}"`;
  const citations = nonEmpty([spanCitation(pin(message, excerpt.startChar, excerpt.endChar))], 'citations');
  // Newest first; ties broken by the exact version.
  return {
    key: [-sentMs, message.documentId, message.documentVersionId],
    draft: { section: 'recentCommunications', text, citations },
  };
}

/** One note per rule per message, citing every occurrence by offsets; the phrase itself is not quoted. */
function complianceDrafts(entry: MessageInWindow, matches: readonly PhraseMatch[]): KeyedDraft[] {
  const { message, sentMs } = entry;
  const rules = [...new Set(matches.map((m) => m.ruleId))].sort();
  return rules.map((ruleId) => {
    const spans = matches
      .filter((m) => m.ruleId === ruleId)
      .map((m) => spanCitation(pin(message, m.startChar, m.endChar)));
    const text =
      `Compliance-sensitive wording (rule ${ruleId}) appears in a message of ${isoDate(sentMs)}. ` +
      'It is not repeated here and is not a recommendation; review the cited source.';
    const key = ['message', sentMs, message.documentId, message.documentVersionId, ruleId];
    return { key, draft: { section: 'complianceNotes', text, citations: nonEmpty(spans, 'citations') } };
  });
}

export function messageDrafts(messages: readonly MessageInWindow[], options: BriefOptions): KeyedDraft[] {
  return sortBy(messages, (e) => [e.message.documentId, e.message.documentVersionId]).flatMap((entry) => {
    const matches = findPhrases(entry.message.text, options.compliancePhrases);
    const communication = communicationDraft(entry, matches, options);
    return [...(communication ? [communication] : []), ...complianceDrafts(entry, matches)];
  });
}
