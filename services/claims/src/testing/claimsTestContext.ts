import { ProjectionRunner, ProjectionWaiter, type ViewState } from '@ledger/projections';
import { systemContext, type RequestContext, type Role } from '@ledger/tenancy';
import { createProjectionTestContext, type ProjectionTestContext } from '@ledger/projections/testing';
import { ClaimsApp } from '../app/claimsApp';
import type { ClaimsDeps } from '../app/claimsDeps';
import { claimsProjection, CLAIMS_PROJECTION_NAME } from '../projection/claimsProjection';

export interface ClaimsTestContext {
  db: ProjectionTestContext;
  runner: ProjectionRunner;
  waiter: ProjectionWaiter;
  deps: ClaimsDeps;
  app: ClaimsApp;
  close(): Promise<void>;
}

/** A migrated ledger with the claims projection running in process, as the service runs it. */
export async function createClaimsTestContext(): Promise<ClaimsTestContext> {
  const db = await createProjectionTestContext([claimsProjection]);
  const runner = new ProjectionRunner(db.pool, [claimsProjection], { pollMs: 20 });
  db.ledger.sequencer.on('sequenced', () => runner.poke());
  runner.start();
  const waiter = new StrictWaiter(db.pool, [CLAIMS_PROJECTION_NAME]);
  const deps: ClaimsDeps = { store: db.ledger, pool: db.pool, waiter };
  return {
    db,
    runner,
    waiter,
    deps,
    app: new ClaimsApp(deps),
    async close() {
      await runner.stop();
      await db.close();
    },
  };
}

/** In tests a projection that does not catch up is a failure (a handler threw), not a lag to tolerate. */
class StrictWaiter extends ProjectionWaiter {
  override async settle(orgId: string, positions: readonly number[]): Promise<ViewState> {
    const state = await super.settle(orgId, positions);
    if (state.behind.length > 0) throw new Error(`claims projection did not catch up for ${orgId}`);
    return state;
  }
}

export function requestContext(orgId: string, role: Role = 'advisor', actor = 'advisor-1'): RequestContext {
  return systemContext({ orgId, role, actor }, `req-${orgId}`);
}

/** Evidence events as the evidence service appends them, for fixtures: claims only reads them. */
export class EvidenceFixtures {
  constructor(private readonly context: ClaimsTestContext) {}

  async document(orgId: string, documentId: string, content: string, version = 1): Promise<string> {
    const documentVersionId = `${documentId}:v${version}`;
    const type = version === 1 ? 'DocumentIngested' : 'DocumentVersionAdded';
    await this.append(orgId, documentId, {
      type,
      data: {
        documentId,
        documentVersionId,
        version,
        providerAccountId: 'acct-gmail-1',
        messageId: `msg-${documentId}`,
        threadId: 'thread-1',
        internalDate: 1_767_225_600_000 + version,
        historyId: String(version),
        sourceHash: `hash-${documentVersionId}`,
        contentLength: content.length,
      },
      personal: { title: 'Re: review', content, from: 'avery@example.test', to: ['advisor@example.test'], cc: [] },
    });
    return documentVersionId;
  }

  async span(
    orgId: string,
    spanId: string,
    documentId: string,
    documentVersionId: string,
    startChar: number,
    endChar: number,
  ): Promise<void> {
    await this.append(orgId, documentId, {
      type: 'SpanPinned',
      data: { spanId, documentId, documentVersionId, startChar, endChar },
      personal: { text: 'pinned text' },
    });
  }

  async tombstone(orgId: string, documentId: string): Promise<void> {
    await this.append(orgId, documentId, { type: 'DocumentTombstoned', data: { documentId, reason: 'deleted' } });
  }

  async append(
    orgId: string,
    documentId: string,
    event: { type: string; data: Record<string, string | number>; personal?: Record<string, string | string[]> },
  ): Promise<void> {
    const { positions } = await this.context.db.ledger.append({
      orgId,
      streamId: `evidence-${documentId}`,
      expectedRevision: 'any',
      events: [{ ...event, metadata: { actor: 'evidence-fixture' } }],
    });
    await this.context.waiter.waitFor(orgId, positions);
  }
}

/** The number of events an org has in the ledger: a refused command must leave it unchanged. */
export function orgEventCount(context: ClaimsTestContext, orgId: string): Promise<number> {
  return context.db.ledger.countEvents(orgId);
}
