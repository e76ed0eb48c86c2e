import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { EvidenceDeps } from '../app/evidenceDeps';
import type { EvidenceItem } from './listEvidence.handler';

export const EVIDENCE_LISTED = 'EvidenceListed';

/** One access stream per UTC day: `evidenceaccess-2026-03-01`. */
export function evidenceAccessStreamId(at: Date): string {
  return `evidenceaccess-${at.toISOString().slice(0, 10)}`;
}

/**
 * Evidence access is audited: who listed which evidence (ids only) is in the ledger before the
 * caller sees the items. Group-committed, so concurrent reads share one append.
 */
export async function recordEvidenceAccess(
  deps: Pick<EvidenceDeps, 'access' | 'now'>,
  ctx: RequestContext,
  filter: { kind: string; id: string },
  items: readonly EvidenceItem[],
): Promise<void> {
  const documentVersionIds = [...new Set(items.map((item) => item.documentVersionId))];
  const now = deps.now?.() ?? new Date();
  await deps.access.record(ctx.orgId, evidenceAccessStreamId(now), {
    type: EVIDENCE_LISTED,
    data: { filter: { kind: filter.kind, id: filter.id }, items: items.length, documentVersionIds },
    metadata: eventMetadata(ctx),
  });
}
