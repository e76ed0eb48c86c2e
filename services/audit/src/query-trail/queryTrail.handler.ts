import type { EventStore } from '@ledger/ledger';
import { activeGeneration } from '@ledger/projections';
import type { RequestContext } from '@ledger/tenancy';
import { AUDIT_TRAIL_PROJECTION } from '../projection/auditTrailProjection';
import { readTrail, type TrailRow } from '../trail/readTrail';
import { encodeTrailCursor } from '../trail/trailCursor';
import { parseTrailQuery, type TrailQuery } from '../trail/trailQuery';
import type { AuditDeps } from '../audit.deps';

export interface TrailItem extends TrailRow {
  /** The event's global ledger position (insertion identity; org_seq is the org's order). */
  position: number;
}

export interface TrailPage {
  items: TrailItem[];
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The org's audit trail, filtered and paged in org_seq order; always the token's org. */
export async function queryTrail(
  deps: Pick<AuditDeps, 'pool' | 'waiter'> & { ledger: Pick<EventStore, 'positionsOf'> },
  ctx: RequestContext,
  query: TrailQuery,
): Promise<TrailPage> {
  const filter = parseTrailQuery(query);
  // An examiner asking "who saw this?" must see the access recorded a moment ago.
  await deps.waiter.waitForOrgHead(ctx.orgId);
  const generation = await activeGeneration(deps.pool, AUDIT_TRAIL_PROJECTION, ctx.orgId);
  const rows = await readTrail(deps.pool, ctx.orgId, generation, filter, filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const positions = await deps.ledger.positionsOf(
    ctx.orgId,
    page.map((row) => row.orgSeq),
  );
  return {
    items: page.map((row) => ({ ...row, position: positions.get(row.orgSeq) ?? -1 })),
    nextCursor: rows.length > filter.limit ? encodeTrailCursor(page[page.length - 1].orgSeq) : null,
  };
}
