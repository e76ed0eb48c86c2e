import {
  BRIEF_COMPOSED,
  BRIEF_VIEWED,
  briefAccessStreamId,
  briefStreamId,
  composeBrief,
  type BriefRequest,
  type PinnedSpan,
  briefComposedData,
  briefComposedPersonal,
} from '@ledger/meeting-prep';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { ProducedEvent } from './eventMessage';

const CONTENT = 'Hi, we would like to review the IRA ending 4421. My neighbour has guaranteed returns.';

function spanOf(needle: string, spanId: string | null): PinnedSpan {
  const startChar = CONTENT.indexOf(needle);
  return { spanId, documentId: 'doc-a', documentVersionId: 'doc-a:v1', startChar, endChar: startChar + needle.length };
}

/** A client with a claim, a mention and a message that quotes a compliance-sensitive phrase. */
function briefRequest(orgId: string): BriefRequest {
  const avery = { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' };
  return {
    orgId,
    briefId: 'brief-1',
    meetingDate: '2025-06-15',
    subject: {
      ...avery,
      kind: 'Client',
      emailAddresses: ['avery@example.test'],
      mentions: [{ mentionId: 'm-1', span: spanOf('IRA', 'span-m') }],
    },
    claims: [
      {
        claimId: 'c-1',
        revision: 0,
        subject: avery,
        predicate: 'holdsAccount',
        object: { kind: 'entity', entity: { entityId: 'acct-1', kind: 'Account', label: 'IRA ending 4421' } },
        citations: [spanOf('IRA ending 4421', 'span-1')],
        staleEvidence: false,
      },
    ],
    threads: [
      {
        threadId: '18f2a9c4d1e0b7a0',
        participants: ['avery@example.test', 'advisor@example.test'],
        messages: [
          {
            messageId: 'msg-a',
            documentId: 'doc-a',
            documentVersionId: 'doc-a:v1',
            sentAt: '2025-06-01T09:00:00Z',
            from: 'avery@example.test',
            text: CONTENT,
          },
        ],
      },
    ],
  };
}

/** The brief record and one reading of it, built by the service's composing and recording code. */
export function meetingPrepEvents(ctx: RequestContext, composedEventId: string): ProducedEvent[] {
  const brief = composeBrief(briefRequest(ctx.orgId));
  return [
    {
      streamId: briefStreamId(brief.briefId),
      type: BRIEF_COMPOSED,
      data: briefComposedData(brief, 17),
      personal: briefComposedPersonal(brief),
      metadata: eventMetadata(ctx),
    },
    {
      streamId: briefAccessStreamId(new Date('2026-03-01T10:00:00Z')),
      type: BRIEF_VIEWED,
      data: { briefId: brief.briefId },
      metadata: eventMetadata(ctx, composedEventId),
    },
  ];
}
