import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import {
  ensureRuntimeLogin,
  ensureServiceLogin,
  PROJECTOR_ROLE,
  REQUEST_ROLE,
  serviceRequestRole,
  serviceRole,
} from '@ledger/host';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { createPool, Ledger, LEDGER_WRITER_ROLE, LocalKeyProvider } from '@ledger/ledger';
import { collect } from '@ledger/ledger/testing';
import { runInOrg } from '@ledger/postgres';
import { SERVICES, serviceNamed } from '@ledger/registry';
import { apiClient } from '../demo/apiClient';
import { DEMO_BRIEF_ID, DEMO_BRIEF_SUBJECT, MEETING_DATE } from '../demo/demoHousehold';
import { seedDemo } from '../demo/seedDemo';

jest.setTimeout(120_000);

const ORGS = ['org-a', 'org-b'];

/**
 * Deliberately unfiltered queries (`SELECT DISTINCT org_id FROM <table>`, no WHERE) under every
 * role a process runs as: the request roles see their org's rows alone, whatever the query says;
 * the cross-org roles, which no request path uses, see every org because their policy says so.
 */
describe('row-level security under each run-time role', () => {
  let t: HttpTestApp;
  let tables: string[];
  const pools: Pool[] = [];

  beforeAll(async () => {
    t = await createHttpTestApp({ services: SERVICES });
    for (const orgId of ORGS) {
      const advisor = apiClient(t.app, await t.tokenFor('advisor', orgId));
      await seedDemo(advisor);
      await advisor('GET', '/v1/evidence?entityId=household-h1');
      await advisor('POST', '/v1/briefs', {
        briefId: DEMO_BRIEF_ID,
        subjectEntityId: DEMO_BRIEF_SUBJECT,
        meetingDate: MEETING_DATE,
      });
    }
    await t.ledger.sequencer.drain();
    await t.runner.drain();
    const { rows } = await t.pool.query<{ table: string }>(
      `SELECT c.table_name AS table FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND c.column_name = 'org_id' AND t.table_type = 'BASE TABLE'
        ORDER BY 1`,
    );
    tables = rows.map((row) => row.table);
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await t?.close();
  });

  function poolAs(url: string, role: string): Pool {
    const pool = createPool({ connectionString: url, max: 2, role, orgScoped: true });
    pools.push(pool);
    return pool;
  }

  /** The orgs each readable table shows to an unfiltered query on `pool`, from inside `orgId` (or none). */
  async function visibleOrgs(pool: Pool, orgId?: string): Promise<Record<string, string[]>> {
    const read = async () => {
      const seen: Record<string, string[]> = {};
      for (const table of tables) {
        const { rows: can } = await pool.query<{ ok: boolean }>(
          `SELECT has_table_privilege(current_user, $1, 'SELECT') AS ok`,
          [table],
        );
        if (!can[0].ok) continue;
        const { rows } = await pool.query<{ org_id: string }>(`SELECT DISTINCT org_id FROM ${table} ORDER BY 1`);
        seen[table] = rows.map((row) => row.org_id);
      }
      return seen;
    };
    return orgId === undefined ? read() : runInOrg(orgId, read);
  }

  /** The orgs any table showed. */
  function everyOrg(seen: Record<string, string[]>): string[] {
    return [...new Set(Object.values(seen).flat())].sort();
  }

  it('puts every table with an org_id column under forced row-level security with both policies', async () => {
    const { rows } = await t.pool.query<{ table: string; enabled: boolean; forced: boolean; policies: string[] }>(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              array(SELECT p.policyname::text FROM pg_policies p WHERE p.tablename = c.relname ORDER BY 1) AS policies
         FROM pg_class c WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`,
      [tables],
    );
    expect(tables.length).toBeGreaterThan(20);
    expect(rows).toEqual(
      tables.map((table) => ({
        table,
        enabled: true,
        forced: true,
        policies: [`${table}_cross_org`, `${table}_org_isolation`],
      })),
    );
  });

  it('seeded both orgs into the ledger and the read models (seen by the owner)', async () => {
    const { rows } = await t.pool.query<{ n: number }>(
      'SELECT count(DISTINCT org_id)::int AS n FROM evidence_documents',
    );
    expect(rows[0].n).toBe(2);
  });

  const requestRoles = (): Array<[string, () => Promise<Pool>]> => [
    [REQUEST_ROLE, async () => poolAs(await ensureRuntimeLogin(t.database.url), REQUEST_ROLE)],
    ...SERVICES.map((service): [string, () => Promise<Pool>] => [
      serviceRequestRole(service),
      async () => poolAs(await ensureServiceLogin(t.database.url, service), serviceRequestRole(service)),
    ]),
  ];

  it.each(requestRoles())('%s sees only its org, and no org without one', async (_role, open) => {
    const pool = await open();
    for (const orgId of ORGS) {
      const seen = await visibleOrgs(pool, orgId);
      expect(Object.keys(seen).length).toBeGreaterThan(0);
      // Every readable table shows this org or nothing, and the org's own rows are there.
      for (const orgs of Object.values(seen)) expect(orgs.filter((org) => org !== orgId)).toEqual([]);
      expect(everyOrg(seen)).toEqual([orgId]);
    }
    const none = await visibleOrgs(pool);
    for (const orgs of Object.values(none)) expect(orgs).toEqual([]);
  });

  it('refuses a request role a row of another org, and leaves nothing written', async () => {
    const pool = poolAs(await ensureRuntimeLogin(t.database.url), REQUEST_ROLE);
    await expect(
      runInOrg('org-a', () =>
        pool.query(
          `INSERT INTO projection_checkpoints (projection, org_id, generation, last_seq) VALUES ('forged', 'org-b', 1, 0)`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await t.pool.query(`SELECT 1 FROM projection_checkpoints WHERE projection = 'forged'`);
    expect(rows).toEqual([]);
  });

  it("lets a multi-node request role append its org's events to its own service's categories alone", async () => {
    const evidence = serviceNamed('evidence');
    const pool = poolAs(await ensureServiceLogin(t.database.url, evidence), serviceRequestRole(evidence));
    const ledger = new Ledger({ pool, keyProvider: new LocalKeyProvider({ k: randomBytes(32) }), runSequencer: false });
    const append = (orgId: string, streamId: string) =>
      runInOrg('org-a', () =>
        ledger.append({
          orgId,
          streamId,
          expectedRevision: 'any',
          events: [{ type: 'RowSecurityProbe', data: {}, metadata: { actor: 'probe' } }],
        }),
      );
    const own = `${evidence.categories[0]}-rls-probe`;
    const foreign = `${serviceNamed('claims').categories[0]}-rls-probe`;
    try {
      await expect(append('org-a', own)).resolves.toBeDefined();
      await expect(append('org-a', foreign)).rejects.toThrow();
      await expect(append('org-b', own)).rejects.toThrow();
    } finally {
      await ledger.close();
    }
    const stored = async (orgId: string, streamId: string) =>
      (await collect(t.ledger.readStream(orgId, streamId))).map((event) => event.type);
    expect(await stored('org-a', own)).toEqual(['RowSecurityProbe']);
    expect(await stored('org-a', foreign)).toEqual([]);
    expect(await stored('org-b', own)).toEqual([]);
  });

  const crossOrgRoles = (): Array<[string, () => Promise<Pool>]> => [
    [LEDGER_WRITER_ROLE, async () => poolAs(await ensureRuntimeLogin(t.database.url), LEDGER_WRITER_ROLE)],
    [PROJECTOR_ROLE, async () => poolAs(await ensureRuntimeLogin(t.database.url), PROJECTOR_ROLE)],
    ...SERVICES.map((service): [string, () => Promise<Pool>] => [
      serviceRole(service),
      async () => poolAs(await ensureServiceLogin(t.database.url, service), serviceRole(service)),
    ]),
  ];

  it.each(crossOrgRoles())('%s, a cross-org role, sees every org by its policy', async (_role, open) => {
    expect(everyOrg(await visibleOrgs(await open()))).toEqual(ORGS);
  });
});
