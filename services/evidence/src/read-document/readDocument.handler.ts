import type { RequestContext } from '@ledger/tenancy';
import { EvidenceError, notFound } from '../evidenceError';
import { documentVersions, findDocument, personalParts, personalText } from '../app/documentQueries';
import { liveGeneration, type EvidenceDeps } from '../app/evidenceDeps';
import { requireId, requireInteger } from '../app/validateInput';

export interface DocumentVersionView {
  documentVersionId: string;
  version: number;
  sourceHash: string;
  internalDate: number;
  contentLength: number;
}

/** One version's text; `erased` when its personal data was crypto-shredded (no title, no content). */
export type VersionContentView =
  | { documentVersionId: string; version: number; personalState: 'present'; title: string; content: string }
  | { documentVersionId: string; version: number; personalState: 'erased' };

export interface DocumentView {
  documentId: string;
  providerAccountId: string;
  provider: 'gmail';
  messageId: string;
  threadId: string;
  tombstoned: boolean;
  latestVersion: number;
  latestDocumentVersionId: string;
  versions: DocumentVersionView[];
  /** The requested version's (by default the latest's) title and content. */
  content: VersionContentView;
}

/** The roles that may read a document's text; an operator sees its metadata only. */
export const CONTENT_ROLES: readonly string[] = ['advisor', 'compliance'];

export async function readDocument(
  deps: EvidenceDeps,
  ctx: RequestContext,
  documentId: string,
  options: { version?: number } = {},
): Promise<DocumentView | Omit<DocumentView, 'content'>> {
  requireId('documentId', documentId);
  if (options.version !== undefined) requireInteger('version', options.version, 1);
  const generation = await liveGeneration(deps, ctx.orgId);
  const document = await findDocument(deps, ctx.orgId, generation, documentId);
  if (!document) throw notFound('EVIDENCE.DOCUMENT_NOT_FOUND', 'documentId', documentId);
  const versions = await documentVersions(deps, ctx.orgId, generation, documentId);
  const wanted = options.version ?? document.latestVersion;
  const shown = versions.find((v) => v.version === wanted);
  if (!shown) {
    throw new EvidenceError('EVIDENCE.VERSION_NOT_FOUND', `document ${documentId} has no version ${wanted}`, {
      field: 'version',
      documentId,
      version: wanted,
    });
  }
  const view = {
    documentId,
    providerAccountId: document.providerAccountId,
    provider: 'gmail' as const,
    messageId: document.messageId,
    threadId: document.threadId,
    tombstoned: document.tombstoned,
    latestVersion: document.latestVersion,
    latestDocumentVersionId: document.latestVersionId,
    versions: versions.map(({ eventId: _eventId, ...version }) => version),
  };
  if (!CONTENT_ROLES.includes(ctx.role)) return view;
  const event = (await personalParts(deps.store, ctx.orgId, [shown.eventId])).get(shown.eventId);
  const title = personalText(event, 'title');
  const content = personalText(event, 'content');
  const head = { documentVersionId: shown.documentVersionId, version: shown.version };
  return {
    ...view,
    content:
      title === null || content === null
        ? { ...head, personalState: 'erased' }
        : { ...head, personalState: 'present', title, content },
  };
}
