import type { RecordHistory } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import type { ProviderAccount, ProviderAccountStatus } from '../accounts/providerAccount';
import { deleteDocument, type DeleteResult, type TombstoneReason } from '../delete-document/deleteDocument.handler';
import type { EvidenceDeps } from './evidenceDeps';
import { listEvidence, type EvidenceListInput, type EvidencePage } from '../list-evidence/listEvidence.handler';
import { ingestDocument, type IngestMessageInput, type IngestResult } from '../ingest-document/ingestDocument.handler';
import { pinSpan, type PinSpanInput, type SpanView } from '../pin-span/pinSpan.handler';
import {
  changeProviderAccountStatus,
  listProviderAccounts,
  registerProviderAccount,
  type RegisterProviderAccountInput,
} from '../provider-accounts/providerAccounts.handler';
import { readDocument, type DocumentView } from '../read-document/readDocument.handler';
import { readDocumentAsOf } from '../document-history/documentAsOf.handler';
import { documentHistory } from '../document-history/documentHistory.handler';
import { readThread, type ThreadView } from '../read-thread/readThread.handler';
import { readSpan, staleSpans, type StaleSpansReport } from '../read-spans/readSpans.handler';

/** The evidence service's use cases behind one object, for the HTTP shell and for tools. */
export class EvidenceApp {
  constructor(private readonly deps: EvidenceDeps) {}

  registerProviderAccount(ctx: RequestContext, input: RegisterProviderAccountInput): Promise<ProviderAccount> {
    return registerProviderAccount(this.deps, ctx, input);
  }

  changeProviderAccountStatus(
    ctx: RequestContext,
    accountId: string,
    input: { status: ProviderAccountStatus },
  ): Promise<ProviderAccount> {
    return changeProviderAccountStatus(this.deps, ctx, accountId, input);
  }

  listProviderAccounts(ctx: RequestContext): Promise<ProviderAccount[]> {
    return listProviderAccounts(this.deps, ctx);
  }

  ingest(ctx: RequestContext, input: IngestMessageInput): Promise<IngestResult> {
    return ingestDocument(this.deps, ctx, input);
  }

  readDocument(
    ctx: RequestContext,
    documentId: string,
    options: { version?: number; asOf?: Date } = {},
  ): Promise<DocumentView | Omit<DocumentView, 'content'>> {
    const { asOf, ...rest } = options;
    return asOf === undefined
      ? readDocument(this.deps, ctx, documentId, rest)
      : readDocumentAsOf(this.deps, ctx, documentId, asOf, rest);
  }

  documentHistory(ctx: RequestContext, documentId: string): Promise<RecordHistory> {
    return documentHistory(this.deps, ctx, documentId);
  }

  deleteDocument(ctx: RequestContext, documentId: string, reason?: TombstoneReason): Promise<DeleteResult> {
    return deleteDocument(this.deps, ctx, documentId, reason);
  }

  readThread(ctx: RequestContext, threadId: string): Promise<ThreadView> {
    return readThread(this.deps, ctx, threadId);
  }

  pinSpan(ctx: RequestContext, input: PinSpanInput): Promise<SpanView> {
    return pinSpan(this.deps, ctx, input);
  }

  readSpan(ctx: RequestContext, spanId: string): Promise<SpanView> {
    return readSpan(this.deps, ctx, spanId);
  }

  staleSpans(ctx: RequestContext, documentId: string): Promise<StaleSpansReport> {
    return staleSpans(this.deps, ctx, documentId);
  }

  listEvidence(ctx: RequestContext, input: EvidenceListInput): Promise<EvidencePage> {
    return listEvidence(this.deps, ctx, input);
  }
}
