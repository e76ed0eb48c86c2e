import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { createPool, Ledger, LocalKeyProvider, type NewEvent } from '@ledger/ledger';
import type { TestDatabase } from '@ledger/postgres';
import { createMigratedDatabase, dropTestRole, uniqueRoleName } from './testing/migratedDatabase';

const event: NewEvent = { type: 'Probe', data: { n: 1 }, metadata: { actor: 'test' } };

function refusal(role: string, category: string, streamId: string) {
  return {
    code: '42501',
    message: `ledger: role ${role} may not append to stream category "${category}" (stream ${streamId}): it is not one of its categories`,
  };
}

/** The database, not the service's code, decides which stream categories a role may append to. */
describe('stream categories are owned in the database', () => {
  let database: TestDatabase;
  let loginRole: string;
  const opened: { ledger: Ledger; pool: Pool }[] = [];

  beforeAll(async () => {
    database = await createMigratedDatabase('category_owners');
    // A role using svc_claims' rights without SET ROLE, as a deployment's login role would.
    loginRole = uniqueRoleName('claims_login');
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`CREATE ROLE ${loginRole} NOLOGIN IN ROLE svc_claims`);
    await admin.end();
  });
  afterAll(async () => {
    for (const { ledger, pool } of opened) {
      await ledger.close();
      await pool.end();
    }
    await dropTestRole(database.url, loginRole);
    await database.drop();
  });

  function ledgerAs(role: string): Ledger {
    const pool = createPool({ connectionString: database.url, max: 2, role });
    const keyProvider = new LocalKeyProvider({ test: randomBytes(32) });
    const ledger = new Ledger({ pool, keyProvider, runSequencer: false });
    opened.push({ ledger, pool });
    return ledger;
  }

  it('lets svc_claims append to its own categories', async () => {
    const ledger = ledgerAs('svc_claims');
    for (const streamId of ['claim-c1', 'entity-e1']) {
      const result = await ledger.append({ orgId: 'org-a', streamId, expectedRevision: 'no_stream', events: [event] });
      expect(result.lastRevision).toBe(0);
    }
  });

  it("refuses svc_claims an append to the evidence service's category", async () => {
    const append = ledgerAs('svc_claims').append({
      orgId: 'org-a',
      streamId: 'evidence-d1',
      expectedRevision: 'any',
      events: [event],
    });
    await expect(append).rejects.toMatchObject(refusal('svc_claims', 'evidence', 'evidence-d1'));
  });

  it('refuses a category no service owns', async () => {
    const append = ledgerAs('svc_claims').append({
      orgId: 'org-a',
      streamId: 'x-1',
      expectedRevision: 'any',
      events: [event],
    });
    await expect(append).rejects.toMatchObject(refusal('svc_claims', 'x', 'x-1'));
  });

  it("limits a role that inherits svc_claims' rights the same way", async () => {
    const ledger = ledgerAs(loginRole);
    await ledger.append({ orgId: 'org-a', streamId: 'claim-c2', expectedRevision: 'no_stream', events: [event] });
    const append = ledger.append({ orgId: 'org-a', streamId: 'brief-b1', expectedRevision: 'any', events: [event] });
    await expect(append).rejects.toMatchObject(refusal(loginRole, 'brief', 'brief-b1'));
  });

  it('leaves ledger_writer, which owns no category, free to append anywhere (single-node)', async () => {
    const ledger = ledgerAs('ledger_writer');
    for (const streamId of ['evidence-d2', 'claim-c3', 'brief-b2', 'audit-export-1']) {
      await ledger.append({ orgId: 'org-a', streamId, expectedRevision: 'no_stream', events: [event] });
    }
  });
});
