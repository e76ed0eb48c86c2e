import type { FastifyReply } from 'fastify';
import { VIEW_BEHIND_HEADER } from '@ledger/contracts';
import type { ViewBehind, ViewReport } from '@ledger/tenancy';

/** `<projection>;reason=<failed|lagging>` items, as the contract's header lists them. */
function viewBehindValue(views: ReadonlyMap<string, ViewBehind['reason']>): string {
  return [...views].map(([projection, reason]) => `${projection};reason=${reason}`).join(', ');
}

/**
 * A request's view report: it writes `Ledger-View-Behind` on the reply, the read models behind
 * every write of the request merged.
 */
export function replyViewReport(reply: FastifyReply): ViewReport {
  const views = new Map<string, ViewBehind['reason']>();
  return {
    behind(behind) {
      // A stopped projection outweighs a lagging one: it will not catch up by itself.
      for (const { projection, reason } of behind)
        if (views.get(projection) !== 'failed') views.set(projection, reason);
      if (views.size > 0) void reply.header(VIEW_BEHIND_HEADER, viewBehindValue(views));
    },
  };
}
