import type { Client } from 'pg';
import type { TestDatabase } from '@ledger/postgres';
import { connectAs, createMigratedDatabase } from './testing/migratedDatabase';

/** Each service's role writes its own prefixed tables and no other service's. */
describe('service roles and prefixed tables', () => {
  let database: TestDatabase;
  let claims: Client;

  beforeAll(async () => {
    database = await createMigratedDatabase('service_tables');
    claims = await connectAs(database.url, 'svc_claims');
  });
  afterAll(async () => {
    await claims.end();
    await database.drop();
  });

  it('lets svc_claims insert, update and delete rows of claims_ tables', async () => {
    await claims.query("INSERT INTO claims_documents (org_id, generation, document_id) VALUES ('org-a', 1, 'd1')");
    await claims.query("UPDATE claims_documents SET tombstoned = true WHERE document_id = 'd1'");
    const { rowCount } = await claims.query("DELETE FROM claims_documents WHERE document_id = 'd1'");
    expect(rowCount).toBe(1);
  });

  it('refuses svc_claims an insert into an evidence_ table', async () => {
    const insert = claims.query(
      "INSERT INTO evidence_known_refs (org_id, generation, ref_kind, ref_id, org_seq) VALUES ('org-a', 1, 'entity', 'e1', 1)",
    );
    await expect(insert).rejects.toMatchObject({
      code: '42501',
      message: 'permission denied for table evidence_known_refs',
    });
  });

  it("refuses svc_claims reads of another service's tables too", async () => {
    await expect(claims.query('SELECT 1 FROM meeting_prep_briefs')).rejects.toMatchObject({
      code: '42501',
      message: 'permission denied for table meeting_prep_briefs',
    });
  });

  it('refuses svc_claims a change to who owns which stream category', async () => {
    const takeover = claims.query("UPDATE ledger_category_owners SET owner_role = 'svc_claims'");
    await expect(takeover).rejects.toMatchObject({
      code: '42501',
      message: 'permission denied for table ledger_category_owners',
    });
  });
});
