import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { orgRowSecuritySql, withOrgTransaction } from './orgTransaction';

const APP_ROLE = 'tenancy_test_app';

describe('org row-level security', () => {
  let database: TestDatabase;
  let admin: Pool;
  let app: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('tenancy');
    admin = new Pool({ connectionString: database.url, max: 2 });
    await admin.query(
      `DO $$ BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    await admin.query(`CREATE TABLE demo_notes (id serial PRIMARY KEY, org_id text NOT NULL, note text NOT NULL)`);
    await admin.query(orgRowSecuritySql('demo_notes'));
    await admin.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON demo_notes TO ${APP_ROLE}; GRANT USAGE ON SEQUENCE demo_notes_id_seq TO ${APP_ROLE}`,
    );
    // One connection, so every transaction below reuses the same session.
    app = new Pool({ connectionString: database.url, max: 1, options: `-c role=${APP_ROLE}` });
    app.on('error', () => undefined);
    for (const org of ['org-a', 'org-b']) {
      await withOrgTransaction(app, org, (client) =>
        client.query('INSERT INTO demo_notes (org_id, note) VALUES ($1, $2)', [org, `note of ${org}`]),
      );
    }
  });
  afterAll(async () => {
    await app.end();
    await admin.end();
    await database.drop();
  });

  it("shows a transaction only its org's rows, even when the query asks for every org", async () => {
    const rows = await withOrgTransaction(
      app,
      'org-a',
      async (client) => (await client.query('SELECT org_id, note FROM demo_notes')).rows,
    );
    expect(rows).toEqual([{ org_id: 'org-a', note: 'note of org-a' }]);
  });

  it("refuses to write another org's row", async () => {
    await expect(
      withOrgTransaction(app, 'org-a', (client) =>
        client.query(`INSERT INTO demo_notes (org_id, note) VALUES ('org-b', 'smuggled')`),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await withOrgTransaction(app, 'org-a', (client) =>
      client.query(`UPDATE demo_notes SET note = 'x' WHERE org_id = 'org-b'`),
    );
    expect(updated.rowCount).toBe(0);
  });

  it('shows nothing outside an org transaction, on the same pooled session', async () => {
    await withOrgTransaction(app, 'org-b', (client) => client.query('SELECT 1'));
    const { rows } = await app.query('SELECT count(*)::int AS n FROM demo_notes');
    expect(rows[0].n).toBe(0);
    const all = await admin.query('SELECT count(*)::int AS n FROM demo_notes');
    expect(all.rows[0].n).toBe(2);
  });
});
