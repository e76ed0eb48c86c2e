import type { RequestContext } from '@ledger/tenancy';
import type { ProviderAccount, ProviderAccountStatus } from '../accounts/providerAccount';
import { deleteDocument, type DeleteResult, type TombstoneReason } from './deleteDocument';
import type { EvidenceDeps } from './evidenceDeps';
import { listEvidence, type EvidenceListInput, type EvidencePage } from './evidenceList';
import { ingestDocument, type IngestMessageInput, type IngestResult } from './ingestDocument';
import { pinSpan, type PinSpanInput, type SpanView } from './pinSpanCommand';
import {
  changeProviderAccountStatus,
  listProviderAccounts,
  registerProviderAccount,
  type RegisterProviderAccountInput,
} from './providerAccounts';
import { readDocument, type DocumentView } from './readDocument';
import { readThread, type ThreadView } from './readThread';
import { readSpan, staleSpans, type StaleSpansReport } from './spanQueries';

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
    options: { version?: number } = {},
  ): Promise<DocumentView | Omit<DocumentView, 'content'>> {
    return readDocument(this.deps, ctx, documentId, options);
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
