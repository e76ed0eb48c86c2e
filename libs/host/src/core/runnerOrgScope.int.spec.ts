import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Pool } from 'pg';
import { createPool, LocalKeyProvider } from '@ledger/ledger';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { readStates } from '@ledger/projections';
import { STRAY_VICTIM_ORG, strayProjection } from '@ledger/projections/testing';
import { startCore, type RunningCore } from './startCore';

/**
 * The projection runner as single-node builds it: the run-time login (NOINHERIT, no superuser),
 * the worker's cross-org role to find orgs, and each org's batch as the request role.
 */
describe("startCore's projection runner", () => {
  let database: TestDatabase;
  let running: RunningCore;
  let owner: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('runner_org_scope');
    running = await startCore({
      databaseUrl: database.url,
      keyProvider: new LocalKeyProvider({ test: randomBytes(32) }),
      auth: { issuer: 'i', audience: 'a', key: randomBytes(32), algorithms: ['HS256'] },
      projections: [strayProjection],
      logger: pino({ enabled: false }),
      // Only the explicit drain below runs batches, so what it reports is all that ran.
      runnerPollMs: 600_000,
    });
    await running.runner.stop();
    owner = createPool({ connectionString: database.url, max: 2 });
    const append = (orgId: string, types: string[]) =>
      running.core.ledger.append({
        orgId,
        streamId: 'stray-1',
        expectedRevision: 'no_stream',
        events: types.map((type) => ({ type, data: {}, metadata: { actor: 'user-1' } })),
      });
    await append('org-a', ['Looked', 'Looked']);
    await append('org-bad', ['Looked', 'Planted']);
    await append(STRAY_VICTIM_ORG, ['Looked']);
    await running.core.ledger.sequencer.drain();
  });

  afterAll(async () => {
    await running.close();
    await owner.end();
    await database.drop();
  });

  it("confines each org's handlers to that org: no other org's rows seen, a write into another refused", async () => {
    const report = await running.runner.drain();

    expect(report.failedOrgs).toEqual(['org-bad']);
    const { rows } = await owner.query<{ org_id: string; foreign: string }>(
      `SELECT org_id, (foreign_rows + foreign_events + foreign_states)::text AS foreign
         FROM demo_stray ORDER BY org_id, note_id`,
    );
    expect(rows.map((row) => row.org_id)).toEqual(['org-a', 'org-a', 'org-bad', STRAY_VICTIM_ORG]);
    expect(rows.every((row) => row.foreign === '0')).toBe(true);
    const states = await readStates(owner, strayProjection.name);
    expect(states.map((state) => [state.orgId, state.status, state.failedError])).toEqual([
      ['org-a', 'running', null],
      ['org-bad', 'failed', 'error (42501)'],
      [STRAY_VICTIM_ORG, 'running', null],
    ]);
  });
});
