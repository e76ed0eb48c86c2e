import { GroupAppender } from '@ledger/ledger';
import { ProjectionRunner, ProjectionWaiter } from '@ledger/projections';
import { systemContext, type RequestContext, type Role } from '@ledger/tenancy';
import { createProjectionTestContext, type ProjectionTestContext } from '@ledger/projections/testing';
import { MeetingPrepApp } from '../meetingPrep.app';
import type { MeetingPrepDeps, MeetingPrepOptions } from '../meetingPrep.deps';
import { meetingPrepProjection } from '../projection/meetingPrepProjection';
import { MEETING_PREP_PROJECTION } from '../projection/tables';
import { LedgerFixtures } from './ledgerFixtures';

export const NOW = new Date('2025-06-02T10:00:00Z');

export interface MeetingPrepTestContext {
  db: ProjectionTestContext;
  runner: ProjectionRunner;
  deps: MeetingPrepDeps;
  app: MeetingPrepApp;
  fixtures(orgId: string): LedgerFixtures;
  as(role: Role, orgId?: string, actor?: string): RequestContext;
  close(): Promise<void>;
}

/** A migrated database, the meeting-prep projection running live, and the use cases over them. */
export async function createMeetingPrepTestContext(options: MeetingPrepOptions = {}): Promise<MeetingPrepTestContext> {
  const db = await createProjectionTestContext([meetingPrepProjection]);
  const runner = new ProjectionRunner(db.pool, [meetingPrepProjection], { pollMs: 20 });
  db.ledger.sequencer.on('sequenced', () => runner.poke());
  runner.start();
  const waiter = new ProjectionWaiter(db.pool, [MEETING_PREP_PROJECTION], { timeoutMs: 10_000 });
  const access = new GroupAppender((request) => db.ledger.append(request));
  const deps: MeetingPrepDeps = { ledger: db.ledger, pool: db.pool, waiter, access };
  return {
    db,
    runner,
    deps,
    app: new MeetingPrepApp(deps, { now: () => NOW, ...options }),
    fixtures: (orgId) => new LedgerFixtures(db.ledger, orgId),
    as: (role, orgId = 'org-a', actor = `user-${role}`) => systemContext({ orgId, role, actor }, `req-${role}`),
    async close() {
      await access.close();
      await runner.stop();
      await db.close();
    },
  };
}
