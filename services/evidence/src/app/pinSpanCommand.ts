import { randomUUID } from 'node:crypto';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import { documentStreamId } from '../documents/documentIdentity';
import { EvidenceError } from '../evidenceError';
import { assertSpanPins } from '../spans/pinSpan';
import { retryOnConflict } from './conflictRetry';
import { personalParts, personalText } from './documentQueries';
import { loadDocument } from './documentStream';
import { appendOrErased } from './erasedStream';
import type { EvidenceDeps } from './evidenceDeps';
import { SPAN_PINNED, type SpanPinnedData } from './spanEvents';
import { rejectUnknownFields, requireId, requireText } from './validateInput';

export interface PinSpanInput {
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
  text: string;
}

export interface SpanView extends SpanPinnedData {
  /** null when the document's personal data was erased. */
  text: string | null;
  erased: boolean;
  /** Whether the pinned version is still its document's latest. */
  versionIsCurrent: boolean;
}

function versionNotFound(field: string, input: PinSpanInput): EvidenceError {
  return new EvidenceError('EVIDENCE.VERSION_NOT_FOUND', `${field} not found`, {
    field,
    documentId: input.documentId,
    documentVersionId: input.documentVersionId,
  });
}

/**
 * C-05: pins exact text of one exact version, checked against that version's stored content
 * (decrypted from its event), and records it as SpanPinned in the document's stream.
 */
export async function pinSpan(deps: EvidenceDeps, ctx: RequestContext, input: PinSpanInput): Promise<SpanView> {
  rejectUnknownFields(input, ['documentId', 'documentVersionId', 'startChar', 'endChar', 'text']);
  requireId('documentId', input.documentId);
  requireId('documentVersionId', input.documentVersionId);
  requireText('text', input.text, 200_000, { allowEmpty: true });
  const spanId = randomUUID();
  return retryOnConflict(async () => {
    const loaded = await loadDocument(deps.store, ctx.orgId, input.documentId);
    if (!loaded.state.exists) throw versionNotFound('documentId', input);
    const version = loaded.versionEvents.get(input.documentVersionId);
    if (!version) throw versionNotFound('documentVersionId', input);
    const event = (await personalParts(deps.store, ctx.orgId, [version.eventId])).get(version.eventId);
    const content = personalText(event, 'content');
    if (content === null) {
      throw new EvidenceError('EVIDENCE.INVALID_SPAN', 'documentVersionId: its content was erased', {
        field: 'documentVersionId',
        rule: 'must name a version whose content was not erased',
      });
    }
    const { startChar, endChar, text } = input;
    assertSpanPins(content, { startChar, endChar, text });
    const data: SpanPinnedData = {
      spanId,
      documentId: input.documentId,
      documentVersionId: input.documentVersionId,
      startChar,
      endChar,
    };
    const appended = await appendOrErased(deps, input.documentId, {
      orgId: ctx.orgId,
      streamId: documentStreamId(input.documentId),
      expectedRevision: loaded.expectedRevision,
      events: [{ type: SPAN_PINNED, data: { ...data }, personal: { text }, metadata: eventMetadata(ctx) }],
    });
    await deps.waiter.waitFor(ctx.orgId, appended.positions);
    return { ...data, text, erased: false, versionIsCurrent: version.version === loaded.state.latestVersion };
  });
}
