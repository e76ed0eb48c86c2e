import {
  assertSpanPins,
  decideDelete,
  decideIngest,
  documentStreamId,
  foldDocument,
  NO_DOCUMENT,
  PROVIDER_ACCOUNT_STATUS_CHANGED,
  providerAccountRegistered,
  providerAccountStreamId,
  recordEvidenceAccess,
  SPAN_PINNED,
  TOMBSTONE_REASONS,
  type DocumentEvent,
  type EvidenceDeps,
  type EvidenceItem,
  type GmailMessage,
  type ProviderAccountEvent,
  type SpanPinnedData,
} from '@ledger/evidence';
import type { NewEvent } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { ProducedEvent } from './eventMessage';

const message: GmailMessage = {
  providerAccountId: 'acct-1',
  messageId: '18f2a9c4d1e0b7a3',
  threadId: '18f2a9c4d1e0b7a0',
  internalDate: 1_790_000_000_000,
  historyId: '4242',
  from: 'client@example.test',
  to: ['advisor@example.test'],
  cc: [],
  subject: 'Review',
  body: 'Please rebalance the IRA ending 4421.',
  labels: ['INBOX'],
};

/** Ingest, a changed version, a deletion and a re-ingest, each decided by the service's own code. */
function documentEvents(orgId: string): DocumentEvent[] {
  const history: DocumentEvent[] = [...decideIngest(orgId, NO_DOCUMENT, message)];
  const edited = { ...message, body: `${message.body} Thanks.` };
  history.push(...decideIngest(orgId, foldDocument(history), edited));
  const documentId = history[0].data.documentId;
  history.push(...decideDelete(documentId, foldDocument(history), TOMBSTONE_REASONS[0]));
  history.push(...decideIngest(orgId, foldDocument(history), edited));
  return history;
}

function spanPinned(ingested: DocumentEvent): { data: SpanPinnedData; personal: { text: string } } {
  if (!('personal' in ingested)) throw new Error('fixture: the first document event carries the content');
  const text = 'IRA ending 4421';
  const startChar = ingested.personal.content.indexOf(text);
  const span = { startChar, endChar: startChar + text.length, text };
  assertSpanPins(ingested.personal.content, span);
  const { documentId, documentVersionId } = ingested.data;
  return {
    data: { spanId: 'span-1', documentId, documentVersionId, startChar, endChar: span.endChar },
    personal: { text },
  };
}

/** Evidence.List's access record, captured from the service's own recording function. */
async function evidenceListed(ctx: RequestContext, item: EvidenceItem): Promise<ProducedEvent> {
  const recorded: ProducedEvent[] = [];
  const access: EvidenceDeps['access'] = {
    record: async (_orgId: string, streamId: string, event: NewEvent) => void recorded.push({ streamId, ...event }),
  };
  await recordEvidenceAccess(
    { access, now: () => new Date('2026-03-01T10:00:00Z') },
    ctx,
    { kind: 'claim', id: 'c-1' },
    [item],
  );
  return recorded[0];
}

export async function evidenceEvents(ctx: RequestContext): Promise<ProducedEvent[]> {
  const metadata = eventMetadata(ctx);
  const accounts: ProviderAccountEvent[] = [
    providerAccountRegistered('acct-1', 'Work'),
    { type: PROVIDER_ACCOUNT_STATUS_CHANGED, data: { accountId: 'acct-1', status: 'needs_relink' } },
  ];
  const documents = documentEvents(ctx.orgId);
  const streamId = documentStreamId(documents[0].data.documentId);
  const span = spanPinned(documents[0]);
  const item: EvidenceItem = {
    ...span.data,
    text: span.personal.text,
    erased: false,
    kind: 'relation',
    source: { claimId: 'c-1', spanId: 'span-1' },
  };
  return [
    ...accounts.map((event) => ({ streamId: providerAccountStreamId('acct-1'), ...event, metadata })),
    ...documents.map((event) => ({ streamId, ...event, metadata })),
    { streamId, type: SPAN_PINNED, ...span, metadata },
    await evidenceListed(ctx, item),
  ];
}
