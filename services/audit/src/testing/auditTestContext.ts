import { setTimeout as sleep } from 'node:timers/promises';
import { Ed25519KeyRing, Retention, TreeHeadPublisher, type NewEvent } from '@ledger/ledger';
import { ProjectionRunner, ProjectionWaiter, projectionStatus, type ProjectionDefinition } from '@ledger/projections';
import { systemContext, type RequestContext, type Role } from '@ledger/tenancy';
import { createProjectionTestContext, type ProjectionTestContext } from '@ledger/projections/testing';
import type { AuditDeps } from '../audit.deps';
import { AUDIT_TRAIL_PROJECTION, auditTrailProjection } from '../projection/auditTrailProjection';

export interface AuditTestContext extends ProjectionTestContext {
  deps: AuditDeps;
  runner: ProjectionRunner;
  signingKeys: Ed25519KeyRing;
  /** Appends and waits until the trail projection has applied the events. */
  record(orgId: string, streamId: string, events: NewEvent[]): Promise<void>;
  /** Waits until the trail projection has applied every event of the org appended so far. */
  settle(orgId: string): Promise<void>;
}

/**
 * A migrated ledger with the audit trail (and any extra projections) running live, signing keys,
 * and the audit deps as the Nest module would build them.
 */
export async function createAuditTestContext(
  extraProjections: readonly ProjectionDefinition[] = [],
  extraSql: string[] = [],
): Promise<AuditTestContext> {
  const projections = [auditTrailProjection, ...extraProjections];
  const context = await createProjectionTestContext(projections, extraSql);
  const signingKeys = new Ed25519KeyRing([Ed25519KeyRing.generate('audit-test-1')]);
  const runner = new ProjectionRunner(context.pool, projections, { pollMs: 20 });
  const poke = () => runner.poke();
  context.ledger.sequencer.on('sequenced', poke);
  runner.start();
  const waiter = new ProjectionWaiter(context.pool, [AUDIT_TRAIL_PROJECTION], { timeoutMs: 15_000 });
  const deps: AuditDeps = {
    ledger: context.ledger,
    pool: context.pool,
    waiter,
    signingKeys,
    treeHeads: new TreeHeadPublisher({ pool: context.pool, keys: signingKeys }),
    trustedKeys: signingKeys.publicKeys(),
    retention: new Retention({ pool: context.pool, ledger: context.ledger }),
    projections,
    guard: new Retention({ pool: context.pool, ledger: context.ledger }),
  };
  return {
    ...context,
    deps,
    runner,
    signingKeys,
    async record(orgId, streamId, events) {
      const result = await context.ledger.append({ orgId, streamId, expectedRevision: 'any', events });
      if (!(await waiter.waitFor(orgId, result.positions))) throw new Error('trail projection did not catch up');
    },
    async settle(orgId) {
      await context.ledger.sequencer.drain();
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const [status] = await projectionStatus(context.pool, auditTrailProjection, orgId);
        if (status && status.lagEvents === 0 && status.checkpoint === status.head) return;
        await sleep(10);
      }
      throw new Error('trail projection did not catch up');
    },
    async close() {
      context.ledger.sequencer.off('sequenced', poke);
      await runner.stop();
      await context.close();
    },
  };
}

export function contextFor(orgId: string, role: Role, actor = `${role}-1`): RequestContext {
  return systemContext({ orgId, role, actor }, `req-${orgId}-${actor}`);
}

/** Lets the clock move on, so events appended before and after can be told apart by time. */
export async function tick(): Promise<Date> {
  await sleep(15);
  const now = new Date();
  await sleep(15);
  return now;
}

export function event(
  type: string,
  actor: string,
  data: NewEvent['data'] = {},
  personal?: NewEvent['personal'],
): NewEvent {
  const built: NewEvent = { type, data, metadata: { actor, correlationId: `corr-${actor}` } };
  if (personal) built.personal = personal;
  return built;
}
