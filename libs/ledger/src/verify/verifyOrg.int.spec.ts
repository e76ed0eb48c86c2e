import { installRecordingTracer, type RecordingTracer } from '@ledger/observability/testing';
import { Ed25519KeyRing } from '../signing/ed25519KeyRing';
import { TreeHeadPublisher } from '../signing/treeHeadPublisher';
import { treeHeadSigningBytes } from '../signing/treeHead';
import { insertTreeHead } from '../signing/treeHeadStore';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { installRecordingMeter } from './testing/recordingMeter';
import { deleteRow, insertForgedRow, positionOf, renumberFrom, tamper } from './testing/tamper';
import { FINDING_KINDS, type VerificationProgress } from './verificationReport';
import { verifyOrg } from './verifyOrg';

const EVENTS = 40;
/** Signed heads are published at these sizes; the tree keeps copies of leaves 0..31 (two full tiles). */
const HEADS = [20, EVENTS];
const recorded = installRecordingMeter();

describe('verifyOrg against rows tampered through SQL', () => {
  let ctx: LedgerTestContext;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  const verify = (orgId: string, onProgress?: (p: VerificationProgress) => void) =>
    verifyOrg({ pool: ctx.writer, orgId, publicKeys: keys.publicKeys(), batchSize: 5, onProgress });
  const kinds = async (orgId: string) =>
    (await verify(orgId)).findings.map((f) => [f.kind, f.orgSeq ?? f.treeSize, f.otherOrgSeq, f.reason]);

  /** Forty events in one org, appended and sequenced in several batches, heads at HEADS. */
  async function seedOrg(orgId: string): Promise<void> {
    const publisher = new TreeHeadPublisher({ pool: ctx.writer, keys });
    for (let i = 0; i < EVENTS; i += 5) {
      await ctx.ledger.append({
        orgId,
        streamId: `audit-${i % 3}`,
        expectedRevision: 'any',
        events: [0, 1, 2, 3, 4].map((j) => ({ type: 'Checked', data: { i: i + j }, metadata: { actor: 'user-1' } })),
      });
      await ctx.ledger.sequencer.drain();
      if (HEADS.includes(i + 5)) await publisher.publish(orgId);
    }
  }

  let tracer: RecordingTracer;

  beforeAll(async () => {
    tracer = installRecordingTracer();
    ctx = await createLedgerTestContext({ runSequencer: false });
  });
  afterAll(async () => {
    await ctx.close();
    await tracer.uninstall();
  });

  it('passes an untouched org and reports progress up to every row', async () => {
    await seedOrg('org-clean');
    const progress: VerificationProgress[] = [];
    const report = await verify('org-clean', (p) => progress.push(p));
    expect(report).toMatchObject({ ok: true, events: EVENTS, treeHeads: 2, findings: [], truncated: false });
    expect(progress.map((p) => p.verified)).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(progress.every((p) => p.total === EVENTS)).toBe(true);
    // One span per verified org, with ids and counts only.
    const spans = tracer.spans().filter((span) => span.name === 'ledger.verify');
    expect(spans.map((span) => span.attributes)).toEqual([
      {
        'ledger.org_id': 'org-clean',
        'ledger.events': EVENTS,
        'ledger.verify.tree_heads': 2,
        'ledger.verify.findings': 0,
        'ledger.verify.ok': true,
      },
    ]);
  });

  it('passes while events are being appended and sequenced', async () => {
    await seedOrg('org-live');
    let appending = true;
    const writer = (async () => {
      for (let i = 0; appending; i++) {
        await ctx.ledger.append({
          orgId: 'org-live',
          streamId: 'audit-live',
          expectedRevision: 'any',
          events: [{ type: 'Checked', data: { i }, metadata: { actor: 'user-1' } }],
        });
        await ctx.ledger.sequencer.drain();
      }
    })();
    const reports = [];
    for (let run = 0; run < 5; run++) reports.push(await verify('org-live'));
    appending = false;
    await writer;
    expect(reports.map((r) => [r.ok, r.findings])).toEqual(reports.map(() => [true, []]));
    expect(reports[reports.length - 1].events).toBeGreaterThan(EVENTS);
  });

  it('reports a modified canonical text at its exact sequence', async () => {
    await seedOrg('org-mod');
    await tamper(ctx.admin, async (db) => {
      const position = await positionOf(db, 'org-mod', 5);
      await db.query(`UPDATE ledger_events SET canonical = replace(canonical, '"i":5', '"i":50') WHERE position = $1`, [
        position,
      ]);
    });
    expect(await kinds('org-mod')).toEqual([
      ['modified', 5, undefined, 'leaf_hash_mismatch'],
      ['root_mismatch', 20, undefined, 'root_mismatch'],
      ['root_mismatch', 40, undefined, 'root_mismatch'],
    ]);
  });

  it('reports a modified typed column at its exact sequence', async () => {
    await seedOrg('org-col');
    await tamper(ctx.admin, async (db) => {
      await db.query(`UPDATE ledger_events SET actor = 'mallory' WHERE position = $1`, [
        await positionOf(db, 'org-col', 3),
      ]);
    });
    expect(await kinds('org-col')).toEqual([['modified', 3, undefined, 'column_mismatch:actor']]);
  });

  it('reports a row rewritten with a matching leaf hash at its exact sequence', async () => {
    await seedOrg('org-rehash');
    await tamper(ctx.admin, async (db) => {
      await db.query(`UPDATE ledger_events SET canonical = replace(canonical, '"i":7', '"i":70') WHERE position = $1`, [
        await positionOf(db, 'org-rehash', 7),
      ]);
      await db.query(
        `UPDATE ledger_events SET leaf_hash = sha256('\\x00'::bytea || convert_to(canonical, 'UTF8')) WHERE position = $1`,
        [await positionOf(db, 'org-rehash', 7)],
      );
    });
    expect(await kinds('org-rehash')).toEqual([
      ['modified', 7, undefined, 'row_differs_from_tree_leaf'],
      ['root_mismatch', 20, undefined, 'root_mismatch'],
      ['root_mismatch', 40, undefined, 'root_mismatch'],
    ]);
  });

  it('reports a removed row, whether it leaves a gap or later rows are renumbered', async () => {
    await seedOrg('org-gap');
    await seedOrg('org-removed');
    await tamper(ctx.admin, async (db) => {
      await deleteRow(db, 'org-gap', 4);
      await deleteRow(db, 'org-removed', 4);
      await renumberFrom(db, 'org-removed', 5, -1);
    });
    const expected = (reason: string) => [
      ['removed', 4, undefined, reason],
      ['root_mismatch', 20, undefined, 'root_mismatch'],
      ['root_mismatch', 40, undefined, expect.any(String)],
    ];
    expect(await kinds('org-gap')).toEqual(expected('sequence_gap'));
    expect(await kinds('org-removed')).toEqual(expected('later_rows_renumbered'));
  });

  it('reports a removed last row', async () => {
    await seedOrg('org-tail');
    await tamper(ctx.admin, (db) => deleteRow(db, 'org-tail', EVENTS - 1));
    expect(await kinds('org-tail')).toEqual([
      ['removed', EVENTS - 1, undefined, 'missing_tail_row'],
      ['root_mismatch', 40, undefined, 'tree_size_beyond_rows'],
    ]);
  });

  it('reports an inserted row, in the middle or at the end', async () => {
    await seedOrg('org-ins');
    await seedOrg('org-ins-end');
    await tamper(ctx.admin, async (db) => {
      await renumberFrom(db, 'org-ins', 6, 1);
      await insertForgedRow(db, 'org-ins', 6);
      await insertForgedRow(db, 'org-ins-end', EVENTS);
    });
    expect(await kinds('org-ins')).toEqual([
      ['inserted', 6, undefined, 'later_rows_renumbered'],
      ['root_mismatch', 20, undefined, 'root_mismatch'],
      ['root_mismatch', 40, undefined, 'root_mismatch'],
    ]);
    expect(await kinds('org-ins-end')).toEqual([['inserted', EVENTS, undefined, 'no_leaf_in_tree']]);
  });

  it('reports a reordered pair by both sequences', async () => {
    await seedOrg('org-swap');
    await tamper(ctx.admin, async (db) => {
      await db.query(`UPDATE ledger_log SET org_seq = -1 WHERE org_id = 'org-swap' AND org_seq = 2`);
      await db.query(`UPDATE ledger_log SET org_seq = 2 WHERE org_id = 'org-swap' AND org_seq = 9`);
      await db.query(`UPDATE ledger_log SET org_seq = 9 WHERE org_id = 'org-swap' AND org_seq = -1`);
    });
    expect(await kinds('org-swap')).toEqual([
      ['reordered', 2, 9, 'rows_swapped'],
      ['root_mismatch', 20, undefined, 'root_mismatch'],
      ['root_mismatch', 40, undefined, 'root_mismatch'],
    ]);
  });

  it('reports forged tree heads: bad signature, unknown key, genuine key over a false root', async () => {
    await seedOrg('org-sth');
    const intruder = new Ed25519KeyRing([Ed25519KeyRing.generate('k-intruder')]);
    const forger = new TreeHeadPublisher({ pool: ctx.admin, keys: intruder });
    await forger.publish('org-sth'); // a well-formed head, signed by a key nobody trusts
    const genuine = await new TreeHeadPublisher({ pool: ctx.writer, keys }).publish('org-sth');
    await tamper(ctx.admin, async (db) => {
      await db.query(`UPDATE ledger_tree_heads SET tree_size = 31 WHERE org_id = 'org-sth' AND tree_size = 20`);
    });
    const falseRoot = { ...genuine, treeSize: 7, rootHash: 'ab'.repeat(32), keyId: 'k1' };
    // As if the genuine key signed a root the rows never had (a compromised key or a bug).
    const signature = Buffer.from(keys.signingKey(new Date()).sign(treeHeadSigningBytes(falseRoot))).toString('hex');
    await insertTreeHead(ctx.admin, { ...falseRoot, signature });
    expect(await kinds('org-sth')).toEqual([
      ['forged_tree_head', 7, undefined, 'root_mismatch'],
      ['forged_tree_head', 31, undefined, 'bad_signature'],
      ['forged_tree_head', 40, undefined, 'unknown_key'],
    ]);
  });

  it('reports a change among the latest rows, which the tree keeps no copy of yet, as unlocated', async () => {
    await seedOrg('org-latest');
    await tamper(ctx.admin, async (db) => {
      await db.query(`UPDATE ledger_log SET org_seq = -1 WHERE org_id = 'org-latest' AND org_seq = 34`);
      await db.query(`UPDATE ledger_log SET org_seq = 34 WHERE org_id = 'org-latest' AND org_seq = 35`);
      await db.query(`UPDATE ledger_log SET org_seq = 35 WHERE org_id = 'org-latest' AND org_seq = -1`);
    });
    expect(await kinds('org-latest')).toEqual([['root_mismatch', 40, undefined, 'unlocated']]);
  });

  it('counts every finding in ledger_verification_failures_total by kind, every kind starting at 0', async () => {
    const before = recorded.added.length;
    const report = await verify('org-swap');
    const added = recorded.added.slice(before);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(added.filter((a) => a.value === 0).map((a) => a.attributes?.kind)).toEqual([...FINDING_KINDS]);
    expect(added.filter((a) => a.value !== 0).map((a) => [a.name, a.value, a.attributes?.kind])).toEqual(
      report.findings.map((f) => ['ledger_verification_failures_total', 1, f.kind]),
    );
  });
});
