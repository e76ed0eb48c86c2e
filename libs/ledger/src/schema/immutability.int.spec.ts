import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

describe('immutability enforced by the database', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
    await ctx.ledger.append({
      orgId: 'org-imm',
      streamId: 'audit-1',
      expectedRevision: 'any',
      events: [{ type: 'T', data: { v: 1 }, metadata: { actor: 'a' } }],
    });
    await ctx.ledger.sequencer.drain();
  });
  afterAll(() => ctx.close());

  const attempts = [
    ['UPDATE', `UPDATE ledger_events SET type = 'Forged'`],
    ['DELETE', 'DELETE FROM ledger_events'],
    ['TRUNCATE', 'TRUNCATE ledger_events CASCADE'],
    ['UPDATE of the sequence', 'UPDATE ledger_log SET org_seq = org_seq + 1'],
    ['DELETE of the sequence', 'DELETE FROM ledger_log'],
    ['TRUNCATE of the sequence', 'TRUNCATE ledger_log'],
  ];

  it.each(attempts)('refuses %s even from the superuser (trigger)', async (_name, sql) => {
    await expect(ctx.admin.query(sql)).rejects.toThrow(/append-only/);
  });

  it.each(attempts)('refuses %s from the application role (privileges)', async (_name, sql) => {
    await expect(ctx.writer.query(sql)).rejects.toThrow(/permission denied/);
  });

  it('leaves the events as they were', async () => {
    const events = await collect(ctx.ledger.readOrg('org-imm'));
    expect(events.map((e) => [e.orgSeq, e.type, e.data])).toEqual([[0, 'T', { v: 1 }]]);
  });

  it('runs the application as a role that can only insert and select events', async () => {
    const { rows } = await ctx.writer.query<{ role: string; privileges: string[] }>(
      `SELECT current_user AS role,
              array(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) p
                     WHERE has_table_privilege(current_user, 'ledger_events', p)) AS privileges`,
    );
    expect(rows[0]).toEqual({ role: 'ledger_writer', privileges: ['SELECT', 'INSERT'] });
  });
});
