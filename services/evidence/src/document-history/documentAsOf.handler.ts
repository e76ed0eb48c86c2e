import { readRecordAsOf, type RecordedEvent } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { EvidenceError, notFound } from '../evidenceError';
import { personalParts, personalText } from '../app/documentQueries';
import type { EvidenceDeps } from '../app/evidenceDeps';
import { requireId, requireInteger } from '../app/validateInput';
import { documentStreamId } from '../documents/documentIdentity';
import {
  DOCUMENT_INGESTED,
  DOCUMENT_RESURRECTED,
  DOCUMENT_TOMBSTONED,
  DOCUMENT_VERSION_ADDED,
  type VersionData,
} from '../documents/documentEvents';
import { CONTENT_ROLES, type DocumentView } from '../read-document/readDocument.handler';

interface VersionEvent {
  data: VersionData;
  event: RecordedEvent;
}

/**
 * A document as it stood at `asOf`, folded from its ledger stream (not the read model, so it
 * is exact whatever the projection's state): the versions recorded by then, whether it was
 * tombstoned then, and one of those versions' text. Not found when its first version was
 * recorded later. Shredded text shows as `erased`.
 */
export async function readDocumentAsOf(
  deps: Pick<EvidenceDeps, 'store'>,
  ctx: RequestContext,
  documentId: string,
  asOf: Date,
  options: { version?: number } = {},
): Promise<DocumentView | Omit<DocumentView, 'content'>> {
  requireId('documentId', documentId);
  if (options.version !== undefined) requireInteger('version', options.version, 1);
  const readsText = CONTENT_ROLES.includes(ctx.role);
  // Clear data decides the view; only the shown version's text is decrypted, below.
  const events = await readRecordAsOf(deps.store, ctx.orgId, documentStreamId(documentId), { asOf });
  const versions: VersionEvent[] = [];
  let tombstoned = false;
  for (const event of events) {
    // The stream is this service's own: version events' clear data has the VersionData shape.
    if (event.type === DOCUMENT_INGESTED || event.type === DOCUMENT_VERSION_ADDED) {
      versions.push({ data: event.data as unknown as VersionData, event });
    } else if (event.type === DOCUMENT_TOMBSTONED) tombstoned = true;
    else if (event.type === DOCUMENT_RESURRECTED) tombstoned = false;
  }
  const latest = versions[versions.length - 1];
  if (!latest) throw notFound('EVIDENCE.DOCUMENT_NOT_FOUND', 'documentId', documentId);
  const wanted = options.version ?? latest.data.version;
  const shown = versions.find((v) => v.data.version === wanted);
  if (!shown) {
    throw new EvidenceError('EVIDENCE.VERSION_NOT_FOUND', `document ${documentId} had no version ${wanted} then`, {
      field: 'version',
      documentId,
      version: wanted,
    });
  }
  const view = {
    documentId,
    providerAccountId: latest.data.providerAccountId,
    provider: 'gmail' as const,
    messageId: latest.data.messageId,
    threadId: latest.data.threadId,
    tombstoned,
    latestVersion: latest.data.version,
    latestDocumentVersionId: latest.data.documentVersionId,
    versions: versions.map(({ data }) => ({
      documentVersionId: data.documentVersionId,
      version: data.version,
      sourceHash: data.sourceHash,
      internalDate: data.internalDate,
      contentLength: data.contentLength,
    })),
  };
  if (!readsText) return view;
  const opened = (await personalParts(deps.store, ctx.orgId, [shown.event.eventId])).get(shown.event.eventId);
  const title = personalText(opened, 'title');
  const content = personalText(opened, 'content');
  const head = { documentVersionId: shown.data.documentVersionId, version: shown.data.version };
  return {
    ...view,
    content:
      title === null || content === null
        ? { ...head, personalState: 'erased' }
        : { ...head, personalState: 'present', title, content },
  };
}
