import type { PinnedSpan } from '../citations/citation';
import type { BriefRequest, ClaimInput, EntityRef, MessageInput } from '../compose/briefInput';

/** Test fixtures: an invented household, its claims and three threads around a meeting on 2025-06-15. */
export const CONTENT: Readonly<Record<string, string>> = {
  'doc-a:v2': 'Hi, we would like to review the IRA ending 4421 before our meeting.\nThanks, Avery',
  'doc-b:v1': 'My neighbour says his fund has guaranteed returns. Could we get Guaranteed\nreturns too?',
  'doc-c:v1': 'Reminder: send the beneficiary form.',
  'doc-d:v1': 'Old message outside the window.',
  'doc-e:v1': 'A thread among other people.',
};

export function spanOf(documentVersionId: string, needle: string, spanId: string | null = null): PinnedSpan {
  const startChar = CONTENT[documentVersionId].indexOf(needle);
  if (startChar < 0) throw new Error(`fixture: ${needle} not in ${documentVersionId}`);
  const documentId = documentVersionId.split(':')[0];
  return { spanId, documentId, documentVersionId, startChar, endChar: startChar + needle.length };
}

function message(documentVersionId: string, sentAt: string, from: string): MessageInput {
  const documentId = documentVersionId.split(':')[0];
  return {
    messageId: `msg-${documentId}`,
    documentId,
    documentVersionId,
    sentAt,
    from,
    text: CONTENT[documentVersionId],
  };
}

const avery: EntityRef = { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' };
const ira: EntityRef = { entityId: 'acct-1', kind: 'Account', label: 'IRA ending 4421' };
const form: EntityRef = { entityId: 'action-1', kind: 'ActionItem', label: 'Send the beneficiary form' };
const review: EntityRef = { entityId: 'action-2', kind: 'ActionItem', label: 'Review the 2024 statement' };

function claim(
  claimId: string,
  subject: EntityRef,
  predicate: string,
  object: ClaimInput['object'],
  citations: PinnedSpan[],
): ClaimInput {
  return { claimId, revision: 0, subject, predicate, object, citations, staleEvidence: false };
}

export const CLAIMS: ClaimInput[] = [
  claim('c-ira', avery, 'holdsAccount', { kind: 'entity', entity: ira }, [
    spanOf('doc-a:v2', 'IRA ending 4421', 'span-ira'),
  ]),
  claim('c-form', avery, 'hasActionItem', { kind: 'entity', entity: form }, [
    spanOf('doc-c:v1', 'send the beneficiary form', 'span-form'),
    spanOf('doc-a:v2', 'review', 'span-review'),
  ]),
  claim('c-form-status', form, 'status', { kind: 'literal', value: 'open' }, [
    spanOf('doc-c:v1', 'Reminder', 'span-rem'),
  ]),
  claim('c-review', avery, 'hasActionItem', { kind: 'entity', entity: review }, [
    spanOf('doc-a:v2', 'review the IRA', 'span-r2'),
  ]),
  claim('c-review-done', review, 'status', { kind: 'literal', value: 'Done' }, [
    spanOf('doc-a:v2', 'Thanks', 'span-done'),
  ]),
  claim('c-pref', avery, 'statedPreference', { kind: 'literal', value: 'wants guaranteed returns' }, [
    spanOf('doc-b:v1', 'guaranteed returns', 'span-pref'),
  ]),
];

export const REQUEST: BriefRequest = {
  orgId: 'org-1',
  briefId: 'brief-1',
  meetingDate: '2025-06-15',
  subject: {
    kind: 'Client',
    entityId: 'client-1',
    label: 'Avery Quinn',
    emailAddresses: ['avery@example.test', 'AVERY.Q@example.test'],
    mentions: [{ mentionId: 'm-1', span: spanOf('doc-a:v2', 'Avery', 'span-avery') }],
  },
  claims: CLAIMS,
  threads: [
    {
      threadId: 'thr-1',
      participants: ['Avery@Example.test', 'advisor@example.test'],
      messages: [
        message('doc-a:v2', '2025-06-01T09:00:00Z', 'avery@example.test'),
        message('doc-d:v1', '2025-04-01T09:00:00Z', 'avery@example.test'),
      ],
    },
    {
      threadId: 'thr-2',
      participants: ['avery.q@example.test'],
      messages: [message('doc-b:v1', '2025-06-10T12:30:00+02:00', 'avery.q@example.test')],
    },
    {
      threadId: 'thr-3',
      participants: ['advisor@example.test', 'avery@example.test'],
      messages: [message('doc-c:v1', '2025-07-15T23:59:59Z', 'advisor@example.test')],
    },
    {
      threadId: 'thr-4',
      participants: ['someone@example.test'],
      messages: [message('doc-e:v1', '2025-06-14T10:00:00Z', 'someone@example.test')],
    },
  ],
};
