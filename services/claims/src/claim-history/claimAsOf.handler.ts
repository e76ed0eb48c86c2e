import { readRecordAsOf, reasonOfEvent, type RecordedEvent } from '@ledger/ledger';
import { readSpanReference } from '@ledger/contracts';
import type { RequestContext } from '@ledger/tenancy';
import { claimsError } from '../claimsError';
import {
  CLAIM_ASSERTED,
  CLAIM_RETRACTED,
  CLAIM_SUPERSEDED,
  claimStreamId,
  type LiteralValue,
} from '../claims/claimEvents';
import { staleEvidence } from '../claims/staleEvidence';
import type { SpanReference } from '../spans/spanReference';
import type { ClaimsDeps } from '../app/claimsDeps';
import type { ClaimDetailView, ClaimHistoryEntry, ClaimObjectView, ClaimView } from '../app/claimsViews';
import { latestVersions, scopeOf } from '../app/projectionReads';
import { CLAIM_READERS, CLAIM_TYPES_WITHOUT_REASON } from './claimHistory.handler';

const ENDED_STATUS = { [CLAIM_SUPERSEDED]: 'superseded', [CLAIM_RETRACTED]: 'retracted' } as const;
const HISTORY_TYPE = { [CLAIM_ASSERTED]: 'asserted', ...ENDED_STATUS } as const;

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function objectOf(asserted: RecordedEvent, readsText: boolean): ClaimObjectView {
  const object = asserted.data.object;
  if (typeof object === 'object' && object !== null && !Array.isArray(object) && object.kind === 'entity') {
    return { kind: 'entity', entityId: textOf(object.entityId) ?? '' };
  }
  if (!readsText) return { kind: 'literal', value: null, valueState: 'withheld' };
  const literal = asserted.personalState === 'present' ? asserted.personal?.literal : undefined;
  const value: LiteralValue | null =
    typeof literal === 'string' || typeof literal === 'number' || typeof literal === 'boolean' ? literal : null;
  return value === null
    ? { kind: 'literal', value, valueState: 'erased' }
    : { kind: 'literal', value, valueState: 'present' };
}

function citationsOf(asserted: RecordedEvent): SpanReference[] {
  const raw = asserted.data.citations;
  if (!Array.isArray(raw)) return [];
  return raw.map(readSpanReference).filter((span): span is SpanReference => span !== null);
}

/**
 * A claim as it stood at `asOf`, folded from its ledger stream (not the read model): its
 * assertion, whether it had been superseded or retracted by then and why, and its history up to
 * then. Not found when it was asserted later. The stale-evidence flag compares its citations
 * with the documents' latest versions now: it answers whether the evidence has moved on since,
 * which is what a reader of the old claim needs to know.
 */
export async function getClaimAsOf(
  deps: ClaimsDeps,
  ctx: RequestContext,
  claimId: string,
  asOf: Date,
): Promise<ClaimDetailView> {
  const readsText = CLAIM_READERS.has(ctx.role);
  const events = await readRecordAsOf(deps.store, ctx.orgId, claimStreamId(claimId), {
    asOf,
    personal: readsText ? 'decrypt' : 'withhold',
  });
  const asserted = events.find((event) => event.type === CLAIM_ASSERTED);
  if (!asserted) throw claimsError('CLAIMS.CLAIM_NOT_FOUND', 'claimId', 'must name a claim asserted by then');
  const known = events.filter((event) => event.type in HISTORY_TYPE);
  const ended = known.find((event) => event.type === CLAIM_SUPERSEDED || event.type === CLAIM_RETRACTED);
  const citations = citationsOf(asserted);
  const scope = await scopeOf(deps.pool, ctx.orgId);
  const stale = staleEvidence(
    citations,
    await latestVersions(
      deps.pool,
      scope,
      citations.map((span) => span.documentId),
    ),
  );
  const view: ClaimView = {
    claimId,
    subjectEntityId: textOf(asserted.data.subjectEntityId) ?? '',
    predicate: textOf(asserted.data.predicate) ?? '',
    object: objectOf(asserted, readsText),
    citations,
    status: ended ? ENDED_STATUS[ended.type as keyof typeof ENDED_STATUS] : 'current',
    supersedes: textOf(asserted.data.supersedes),
    supersededBy: ended ? textOf(ended.data.supersededBy) : null,
    ...(ended ? reasonOfEvent(ended, CLAIM_TYPES_WITHOUT_REASON) : { reason: null, reasonState: 'none' as const }),
    revision: known[known.length - 1].streamRevision,
    assertedAt: asserted.recordedAt,
    staleEvidence: stale.stale,
    staleSpanIds: stale.staleSpanIds,
  };
  const history: ClaimHistoryEntry[] = known.map((event) => ({
    type: HISTORY_TYPE[event.type as keyof typeof HISTORY_TYPE],
    eventId: event.eventId,
    at: event.recordedAt,
    actor: event.metadata.actor,
    ...reasonOfEvent(event, CLAIM_TYPES_WITHOUT_REASON),
    supersedes: textOf(event.data.supersedes),
    supersededBy: textOf(event.data.supersededBy),
  }));
  return { ...view, history };
}
