import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import { EvidenceError } from '../evidenceError';
import { assertSpanPins } from '../spans/pinSpan';
import { personalParts, personalText } from '../app/documentQueries';
import { documentStream } from '../app/documentStream';
import { erasedAsConflict } from '../app/erasedStream';
import { runCommand, type CommandDeps } from '../app/runCommand';
import { SPAN_PINNED, type SpanPinnedData } from '../app/spanEvents';
import { rejectUnknownFields, requireId, requireText } from '../app/validateInput';

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

/**
 * C-05: pins exact text of one exact version, checked against that version's stored content
 * (decrypted from its event), and records it as SpanPinned in the document's stream.
 */
export async function pinSpan(deps: CommandDeps, ctx: RequestContext, input: PinSpanInput): Promise<SpanView> {
  rejectUnknownFields(input, ['documentId', 'documentVersionId', 'startChar', 'endChar', 'text']);
  requireId('documentId', input.documentId);
  requireId('documentVersionId', input.documentVersionId);
  requireText('text', input.text, 200_000, { allowEmpty: true });
  const { startChar, endChar, text } = input;
  const data: SpanPinnedData = {
    spanId: randomUUID(),
    documentId: input.documentId,
    documentVersionId: input.documentVersionId,
    startChar,
    endChar,
  };
  let pinned = { version: 0, latestVersion: 0 };
  await erasedAsConflict(
    input.documentId,
    runCommand(deps, ctx, {
      ...documentStream(input.documentId),
      decide: async (loaded) => {
        if (!loaded.state.exists) throw versionNotFound('documentId', input);
        const version = loaded.versionEvents.get(input.documentVersionId);
        if (!version) throw versionNotFound('documentVersionId', input);
        assertSpanPins(await versionContent(deps, ctx, version.eventId), { startChar, endChar, text });
        pinned = { version: version.version, latestVersion: loaded.state.latestVersion };
        return [{ type: SPAN_PINNED, data: { ...data }, personal: { text } }];
      },
    }),
  );
  return { ...data, text, erased: false, versionIsCurrent: pinned.version === pinned.latestVersion };
}
