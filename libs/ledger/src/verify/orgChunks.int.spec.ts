import { Preimage } from '../merkle/sha256';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { CanonicalColumns } from './canonicalColumns';
import { checkOrgChunk, planOrgChunk, positionRanges } from './orgChunks';
import { RowScan } from './rowScan';
import { positionOf, tamper } from './testing/tamper';

const ORG = 'org-chunks';

describe('reading and checking an org in chunks', () => {
  let ctx: LedgerTestContext;
  const tools = () => ({ columns: new CanonicalColumns(ORG), preimage: new Preimage(1024) });

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    for (let i = 0; i < 6; i++) {
      // Two orgs interleaved, so the org's positions have gaps; personal parts and metadata vary.
      for (const orgId of [ORG, 'org-other']) {
        await ctx.ledger.append({
          orgId,
          streamId: `audit-${i % 2}`,
          expectedRevision: 'any',
          events: Array.from({ length: 7 }, (_, j) => ({
            type: 'Checked',
            data: { i, j, text: 'quote " and backslash \\ in data' },
            personal: j % 3 === 0 ? { email: `p${j}@example.test` } : undefined,
            metadata: { actor: `user-${j}`, correlationId: j % 2 ? `c-${i}` : undefined },
          })),
        });
      }
    }
    await ctx.ledger.sequencer.drain();
  });
  afterAll(() => ctx.close());

  it('checks every row whose tree leaf is stored without the full check, and hands all over in order', async () => {
    const plan = await planOrgChunk(ctx.writer, ORG, 0, 42);
    expect(plan.seqs).toEqual(Array.from({ length: 42 }, (_, i) => i));
    const check = await checkOrgChunk(ctx.writer, plan, tools());
    // 42 leaves: two full tiles (32) hold a copy; the 10 latest are checked in full.
    expect(check.fullChecks).toBe(10);
    const scan = new RowScan([42], 10);
    check.feed(scan);
    expect([scan.count, scan.findings, scan.mismatches.size]).toEqual([42, [], 0]);
  });

  it('gives a row whose typed column was changed the full check', async () => {
    await tamper(ctx.admin, async (db) => {
      await db.query(`UPDATE ledger_events SET type = 'Unchecked' WHERE position = $1`, [await positionOf(db, ORG, 3)]);
    });
    const check = await checkOrgChunk(ctx.writer, await planOrgChunk(ctx.writer, ORG, 0, 16), tools());
    expect(check.fullChecks).toBe(1);
    const scan = new RowScan([], 10);
    check.feed(scan);
    expect(scan.findings).toEqual([{ kind: 'modified', orgSeq: 3, reason: 'column_mismatch:type' }]);
  });

  it('reads events that lie far apart through the log, and finds an event moved to another org', async () => {
    const org = 'org-scattered';
    for (let i = 0; i < 12; i++) {
      // Jump the position sequence, as other orgs' events would.
      await ctx.admin.query(`SELECT setval(pg_get_serial_sequence('ledger_events', 'position'), last_value + 10000)
                               FROM ledger_events_position_seq`);
      await ctx.ledger.append({
        orgId: org,
        streamId: 'audit-1',
        expectedRevision: 'any',
        events: [{ type: 'Checked', data: { i }, metadata: { actor: 'user-1' } }],
      });
    }
    await ctx.ledger.sequencer.drain();
    await tamper(ctx.admin, async (db) => {
      await db.query(`UPDATE ledger_events SET org_id = 'org-elsewhere' WHERE position = $1`, [
        await positionOf(db, org, 5),
      ]);
    });
    const plan = await planOrgChunk(ctx.writer, org, 0, 12);
    expect(positionRanges(plan.positions).length).toBe(12);
    const scan = new RowScan([], 10);
    (await checkOrgChunk(ctx.writer, plan, { columns: new CanonicalColumns(org), preimage: new Preimage(64) })).feed(
      scan,
    );
    expect([scan.count, scan.findings]).toEqual([
      12,
      [{ kind: 'modified', orgSeq: 5, reason: 'column_mismatch:org_id' }],
    ]);
  });

  it('splits positions into ranges where they are far apart', () => {
    expect(positionRanges([9, 1, 4000, 3, 20000])).toEqual([
      [1, 4000],
      [20000, 20000],
    ]);
    expect(positionRanges([])).toEqual([]);
  });
});
