import { countEvents } from '@ledger/ledger/testing';
import { projectionGrantsSql } from '../schema/projectionGrants';
import { readStates } from '../store/stateStore';
import { createProjectionTestContext, type ProjectionTestContext } from '../testing/projectionTestContext';
import { STRAY_VICTIM_ORG, strayProjection } from '../testing/strayProjection';
import { ProjectionRunner } from './projectionRunner';

// Created by the ledger's migrations: the org-scoped role of single-node's requests.
const ORG_ROLE = 'ledger_request';

describe('a projection batch under the org-scoped role', () => {
  let context: ProjectionTestContext;
  const write = (orgId: string, types: string[]) =>
    context.ledger.append({
      orgId,
      streamId: 'stray-1',
      expectedRevision: 'any',
      events: types.map((type) => ({ type, data: {}, metadata: { actor: 'user-1' } })),
    });
  const rowsOf = async (orgId: string) =>
    (
      await context.pool.query<{
        note_id: string;
        foreign_rows: string;
        foreign_events: string;
        foreign_states: string;
      }>('SELECT note_id, foreign_rows, foreign_events, foreign_states FROM demo_stray WHERE org_id = $1', [orgId])
    ).rows;

  beforeAll(async () => {
    // The grants a host's migrations give the request role, on this suite's fresh database.
    context = await createProjectionTestContext(
      [strayProjection],
      [projectionGrantsSql(ORG_ROLE), `GRANT SELECT, INSERT, UPDATE, DELETE ON demo_stray TO ${ORG_ROLE}`],
    );
    await write('org-a', ['Looked', 'Looked', 'Looked']);
    await write('org-b', ['Looked', 'Looked']);
    await write('org-bad', ['Looked', 'Planted', 'Looked']);
    await write(STRAY_VICTIM_ORG, ['Looked']);
    await context.ledger.sequencer.drain();
  });

  afterAll(() => context.close());

  it('sees only its own org in unfiltered queries, refuses a write into another org, and fails that org alone', async () => {
    const report = await new ProjectionRunner(context.pool, [strayProjection], { orgRole: ORG_ROLE }).drain();

    expect(report.failedOrgs).toEqual(['org-bad']);
    const counts = { 'org-a': 3, 'org-b': 2, 'org-bad': 1, [STRAY_VICTIM_ORG]: 1 };
    for (const [orgId, expected] of Object.entries(counts)) {
      const rows = await rowsOf(orgId);
      expect(rows).toHaveLength(expected);
      for (const row of rows) {
        expect(row).toMatchObject({ foreign_rows: '0', foreign_events: '0', foreign_states: '0' });
      }
    }
    expect((await context.pool.query(`SELECT 1 FROM demo_stray WHERE note_id = 'planted'`)).rowCount).toBe(0);
    const states = await readStates(context.pool, strayProjection.name);
    expect(states.map((state) => [state.orgId, state.status])).toEqual([
      ['org-a', 'running'],
      ['org-b', 'running'],
      ['org-bad', 'failed'],
      [STRAY_VICTIM_ORG, 'running'],
    ]);
    const bad = states.find((state) => state.orgId === 'org-bad');
    // 42501: the row policy's WITH CHECK refused the row of another org.
    expect(bad).toMatchObject({ failedSeq: 1, failedEventType: 'Planted', failedError: 'error (42501)' });
  });

  it('is what confines the handlers: the events of other orgs are there to be seen', async () => {
    expect((await countEvents(context.admin)) - (await countEvents(context.admin, 'org-a'))).toBe(2 + 3 + 1);
  });
});
