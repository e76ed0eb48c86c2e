import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import { EvidenceError } from '../evidenceError';
import { assertSpanPins } from '../spans/pinSpan';
import { personalParts, personalText } from '../app/documentQueries';
import { documentStream, type LoadedDocument } from '../app/documentStream';
import { spanPinnedEventId } from '../documents/documentIdentity';
import { erasedAsConflict } from '../app/erasedStream';
import { runCommand, type CommandDeps } from '@ledger/host';
import { hasCode } from '../app/hasCode';
import { SPAN_PINNED, type SpanPinnedData } from '../app/spanEvents';
import { rejectUnknownFields, requireId, requireText } from '../app/validateInput';

export interface PinSpanInput {
  /** Chosen by the client so a retry pins nothing twice; generated when absent. */
  spanId?: string;
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

/** The version's stored content, decrypted from its event; refused when it was erased. */
async function versionContent(deps: CommandDeps, ctx: RequestContext, eventId: string): Promise<string> {
  const event = (await personalParts(deps.store, ctx.orgId, [eventId])).get(eventId);
  const content = personalText(event, 'content');
  if (content === null) {
    throw new EvidenceError('EVIDENCE.INVALID_SPAN', 'documentVersionId: its content was erased', {
      field: 'documentVersionId',
      rule: 'must name a version whose content was not erased',
    });
  }
  return content;
}

function spanIdTaken(spanId: string): EvidenceError {
  return new EvidenceError('EVIDENCE.SPAN_ID_CONFLICT', `spanId ${spanId} already pins another span`, {
    field: 'spanId',
    rule: 'must not name a span pinned elsewhere or with other offsets',
    spanId,
  });
}

function samePin(a: SpanPinnedData, b: SpanPinnedData): boolean {
  return (
    a.documentId === b.documentId &&
    a.documentVersionId === b.documentVersionId &&
    a.startChar === b.startChar &&
    a.endChar === b.endChar
  );
}

/** What the decision found: a span pinned now or before under the same id, and whether its version is current. */
interface Pinned {
  data: SpanPinnedData;
  versionIsCurrent: boolean;
}

/**
 * C-05: pins exact text of one exact version, checked against that version's stored content
 * (decrypted from its event), and records it as SpanPinned in the document's stream. The same
 * span pinned again under the same client-chosen id appends nothing and answers the same span;
 * the id pinning anything else is a conflict. A tombstoned document takes no new span: its
 * evidence cannot be cited (claims refuse it), so it is refused here, on the stream, not by a
 * read model that may lag.
 */
export async function pinSpan(deps: CommandDeps, ctx: RequestContext, input: PinSpanInput): Promise<SpanView> {
  rejectUnknownFields(input, ['spanId', 'documentId', 'documentVersionId', 'startChar', 'endChar', 'text']);
  if (input.spanId !== undefined) requireId('spanId', input.spanId);
  requireId('documentId', input.documentId);
  requireId('documentVersionId', input.documentVersionId);
  requireText('text', input.text, 200_000, { allowEmpty: true });
  const { startChar, endChar, text } = input;
  const data: SpanPinnedData = {
    spanId: input.spanId ?? randomUUID(),
    documentId: input.documentId,
    documentVersionId: input.documentVersionId,
    startChar,
    endChar,
  };
  let pinned: Pinned = { data, versionIsCurrent: false };
  const decide = async (loaded: LoadedDocument) => {
    if (!loaded.state.exists) throw versionNotFound('documentId', input);
    const version = loaded.versionEvents.get(input.documentVersionId);
    if (!version) throw versionNotFound('documentVersionId', input);
    const existing = loaded.spans.get(data.spanId);
    if (existing && !samePin(existing, data)) throw spanIdTaken(data.spanId);
    if (!existing && loaded.state.tombstoned) {
      throw new EvidenceError('EVIDENCE.DOCUMENT_TOMBSTONED', `document ${input.documentId} is tombstoned`, {
        field: 'documentId',
        rule: 'must name a document that is not tombstoned',
        documentId: input.documentId,
      });
    }
    assertSpanPins(await versionContent(deps, ctx, version.eventId), { startChar, endChar, text });
    pinned = { data: existing ?? data, versionIsCurrent: version.version === loaded.state.latestVersion };
    if (existing) return [];
    const eventId = spanPinnedEventId(ctx.orgId, data.spanId);
    return [{ type: SPAN_PINNED, eventId, data: { ...data }, personal: { text } }];
  };
  try {
    await erasedAsConflict(input.documentId, runCommand(deps, ctx, { ...documentStream(input.documentId), decide }));
  } catch (error) {
    // The id's event is already in another document's stream.
    if (hasCode(error, 'LEDGER.EVENT_ID_CONFLICT')) throw spanIdTaken(data.spanId);
    throw error;
  }
  return { ...pinned.data, text, erased: false, versionIsCurrent: pinned.versionIsCurrent };
}
