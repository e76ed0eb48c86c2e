import { GroupAppender, type NewEvent } from '@ledger/ledger';
import { ProjectionRunner, ProjectionWaiter } from '@ledger/projections';
import { systemContext, type RequestContext } from '@ledger/tenancy';
import { createProjectionTestContext, type ProjectionTestContext } from '@ledger/projections/testing';
import { EvidenceApp } from '../app/evidenceApp';
import type { IngestMessageInput } from '../ingest-document/ingestDocument.handler';
import { EVIDENCE_PROJECTION_NAME, evidenceProjection } from '../projection/evidenceProjection';

export interface EvidenceTestContext extends ProjectionTestContext {
  app: EvidenceApp;
  runner: ProjectionRunner;
  waiter: ProjectionWaiter;
  access: GroupAppender;
  /** Appends events of another service's stream and waits until the evidence read models hold them. */
  appendAndWait(orgId: string, streamId: string, events: Omit<NewEvent, 'metadata'>[]): Promise<void>;
}

/** A migrated ledger with the evidence read models, a running projection runner and the app. */
export async function createEvidenceTestContext(): Promise<EvidenceTestContext> {
  const context = await createProjectionTestContext([evidenceProjection]);
  const runner = new ProjectionRunner(context.pool, [evidenceProjection], { pollMs: 20 });
  context.ledger.sequencer.on('sequenced', () => runner.poke());
  runner.start();
  const waiter = new ProjectionWaiter(context.pool, [EVIDENCE_PROJECTION_NAME], { timeoutMs: 10_000 });
  const access = new GroupAppender((request) => context.ledger.append(request));
  const app = new EvidenceApp({ store: context.ledger, pool: context.pool, waiter, access });
  return {
    ...context,
    app,
    runner,
    waiter,
    access,
    async appendAndWait(orgId, streamId, events) {
      const { positions } = await context.ledger.append({
        orgId,
        streamId,
        expectedRevision: 'any',
        events: events.map((event) => ({ ...event, metadata: { actor: 'test' } })),
      });
      if (!(await waiter.waitFor(orgId, positions))) throw new Error('the evidence read models did not catch up');
    },
    async close() {
      await access.close();
      await runner.stop();
      // A handler that threw stops its org: that is a bug of the projection, whatever the test checked.
      const { rows } = await context.pool.query<{ org_id: string; failed_event_type: string; failed_error: string }>(
        "SELECT org_id, failed_event_type, failed_error FROM projection_state WHERE status = 'failed'",
      );
      await context.close();
      if (rows.length > 0) throw new Error(`evidence projection failed: ${JSON.stringify(rows)}`);
    },
  };
}

export function advisor(orgId: string, actor = 'advisor-1'): RequestContext {
  return systemContext({ orgId, role: 'advisor', actor }, `req-${actor}`);
}

export function compliance(orgId: string, actor = 'compliance-1'): RequestContext {
  return systemContext({ orgId, role: 'compliance', actor }, `req-${actor}`);
}

let messageCounter = 0;

/** A Gmail-shaped message with invented people; each call a new message id unless given. */
export function message(overrides: Partial<IngestMessageInput> = {}): IngestMessageInput {
  messageCounter += 1;
  return {
    messageId: `msg-${messageCounter}`,
    threadId: 'thr-1',
    internalDate: Date.UTC(2026, 2, 1) + messageCounter * 60_000,
    historyId: `h-${messageCounter}`,
    from: 'avery.quill@example.test',
    to: ['advisor@example.test'],
    cc: [],
    subject: 'Annual review',
    body: 'Please rebalance the IRA ending 4421 before our meeting on 12 March.',
    ...overrides,
  };
}

/** Counts an org's events in the ledger: refused commands must leave it unchanged. */
export function orgEventCount(context: ProjectionTestContext, orgId: string): Promise<number> {
  return context.ledger.countEvents(orgId);
}
