/**
 * `npm run bench:ledger [-- --quick]`: the ledger against plain PostgreSQL on the same server
 * in the same run. Prints one JSON line and writes outputs/bench/ledger.json.
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, Ledger, LEDGER_WRITER_ROLE, LocalKeyProvider, migrate, type NewEvent } from '../src';
import { openBenchDatabase } from './benchDatabase';
import { peakRssDuring, percentile, progress, reportBench, round, runFor } from './benchReport';

const round2 = (value: number) => round(value, 0);

const quick = process.argv.includes('--quick');
const WRITERS = 8;
const PHASE_MS = quick ? 4_000 : 12_000;
const ROUNDS = quick ? 4 : 6;
const CATCHUP_EVENTS = quick ? 100_000 : 1_000_000;
const BATCH = 100;
const metadata = { actor: 'bench-writer', correlationId: 'bench' };

/** A representative evidence event: ids, offsets and a few hundred bytes of non-personal data. */
function sampleEvent(n: number): NewEvent {
  return {
    type: 'EvidenceSpanPinned',
    data: {
      documentId: `doc-${n % 997}`,
      documentVersionId: `ver-${n % 13}`,
      startChar: n % 5000,
      endChar: (n % 5000) + 40,
      kind: 'mention',
      note: 'x'.repeat(240),
    },
    metadata,
  };
}

/**
 * Single-event appends and the raw baseline, interleaved in short rounds so that a change in
 * background load on this shared machine hits both sides alike.
 */
async function measureSingleAppends(
  ledger: Ledger,
  admin: Pool,
  canonical: string,
): Promise<{ eps: number; rawEps: number; lagP99: number }> {
  await admin.query(
    `CREATE TABLE bench_raw (id bigserial PRIMARY KEY, org_id text, stream_id text, body text, hash bytea)`,
  );
  const hash = randomBytes(32);
  const org = 'org-single';
  const acked = new Map<string, number>();
  const lags: number[] = [];
  const subscription = ledger.subscribeToOrg(org, { batchSize: 1000, pollMs: 100 });
  const consuming = (async () => {
    for await (const event of subscription) {
      const at = acked.get(event.eventId);
      if (at !== undefined) lags.push(Math.max(0, Date.now() - at));
    }
  })();
  let n = 0;
  let appended = 0;
  let inserted = 0;
  const roundMs = PHASE_MS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    inserted += await runFor(WRITERS, roundMs, async (worker) => {
      await admin.query('INSERT INTO bench_raw (org_id, stream_id, body, hash) VALUES ($1, $2, $3, $4)', [
        'org-raw',
        `claim-${worker}`,
        canonical,
        hash,
      ]);
      return 1;
    });
    appended += await runFor(WRITERS, roundMs, async (worker) => {
      const event = sampleEvent(n++);
      const result = await ledger.append({
        orgId: org,
        streamId: `claim-${worker}`,
        expectedRevision: 'any',
        events: [event],
      });
      acked.set(result.eventIds[0], Date.now());
      return 1;
    });
  }
  await ledger.sequencer.drain();
  const deadline = Date.now() + 10_000;
  while (lags.length < appended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  subscription.close();
  await consuming;
  lags.sort((a, b) => a - b);
  const seconds = PHASE_MS / 1000;
  return { eps: appended / seconds, rawEps: inserted / seconds, lagP99: percentile(lags, 99) };
}

async function measureBatchAppends(ledger: Ledger, org: string): Promise<number> {
  const perWriter = Math.ceil(CATCHUP_EVENTS / WRITERS / BATCH);
  const startedAt = Date.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, worker) => {
      for (let i = 0; i < perWriter; i++) {
        const events = Array.from({ length: BATCH }, () => sampleEvent(n++));
        await ledger.append({ orgId: org, streamId: `evidence-${worker}`, expectedRevision: 'any', events });
        if (worker === 0 && i % 100 === 0) progress(`batch appends: ${n} events`);
      }
    }),
  );
  return (perWriter * WRITERS * BATCH) / ((Date.now() - startedAt) / 1000);
}

/**
 * The baseline: the same rows in the same order through plain `pg`, as a prepared keyset
 * query, with no parsing or decryption; the ratio is what the library adds on top.
 */
async function rawScan(pool: Pool, org: string): Promise<number> {
  const startedAt = Date.now();
  let next = 0;
  let count = 0;
  for (;;) {
    const { rows } = await pool.query<{ org_seq: string }>({
      name: 'bench_raw_scan',
      text: `SELECT l.org_seq, l.log_seq, e.position, e.canonical, encode(e.leaf_hash, 'hex') AS leaf_hash
               FROM ledger_log l JOIN ledger_events e ON e.position = l.position
              WHERE l.org_id = $1 AND l.org_seq >= $2 ORDER BY l.org_seq LIMIT $3`,
      values: [org, next, 1000],
    });
    if (rows.length === 0) break;
    count += rows.length;
    next = Number(rows[rows.length - 1].org_seq) + 1;
  }
  return count / ((Date.now() - startedAt) / 1000);
}

async function libraryScan(ledger: Ledger, org: string): Promise<{ eps: number; count: number }> {
  const startedAt = Date.now();
  let count = 0;
  for await (const event of ledger.readOrg(org, { batchSize: 1000 })) {
    if (event.orgSeq !== count) throw new Error(`sequence gap at ${count}`);
    count++;
  }
  return { eps: count / ((Date.now() - startedAt) / 1000), count };
}

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  await migrate(database.url);
  const pool = createPool({ connectionString: database.url, max: WRITERS + 4, role: LEDGER_WRITER_ROLE });
  const admin = createPool({ connectionString: database.url, max: WRITERS + 2 });
  const ledger = new Ledger({
    pool,
    keyProvider: new LocalKeyProvider({ bench: randomBytes(32) }),
    connectionString: database.url,
  });
  try {
    progress(`server: ${database.server}; mode: ${quick ? 'quick' : 'full'}`);
    const [probe] = (
      await ledger.append({
        orgId: 'org-probe',
        streamId: 'claim-probe',
        expectedRevision: 'any',
        events: [sampleEvent(0)],
      })
    ).eventIds;
    const { rows } = await admin.query<{ canonical: string }>(
      'SELECT canonical FROM ledger_events WHERE event_id = $1',
      [probe],
    );
    progress('single-event appends and raw single-row inserts, interleaved');
    const single = await measureSingleAppends(ledger, admin, rows[0].canonical);
    const rawInsertEps = single.rawEps;
    progress(`${BATCH}-event appends, ${CATCHUP_EVENTS} events`);
    const org = 'org-catchup';
    const batchEps = await measureBatchAppends(ledger, org);
    const drainStarted = Date.now();
    await ledger.sequencer.drain();
    progress(`sequencer drained in ${Date.now() - drainStarted} ms; warming up with one raw scan`);
    // The first read after a bulk load sets hint bits (it writes); neither side should pay it.
    await rawScan(pool, org);
    const rawRuns: number[] = [];
    const libraryRuns: number[] = [];
    let peakRssMb = 0;
    let count = 0;
    for (let round = 0; round < 2; round++) {
      const measured = await peakRssDuring(() => libraryScan(ledger, org));
      libraryRuns.push(measured.result.eps);
      count = measured.result.count;
      peakRssMb = Math.max(peakRssMb, measured.peakRssMb);
      rawRuns.push(await rawScan(pool, org));
      progress(`catch-up round ${round + 1}: library ${round2(libraryRuns[round])}/s, raw ${round2(rawRuns[round])}/s`);
    }
    if (count < CATCHUP_EVENTS) throw new Error(`read ${count} events, expected ${CATCHUP_EVENTS}`);
    const scan = { eps: Math.max(...libraryRuns), count };
    const rawScanEps = Math.max(...rawRuns);
    await reportBench('ledger', {
      bench: 'ledger',
      mode: quick ? 'quick' : 'full',
      server: database.server,
      writers: WRITERS,
      append_eps: round(single.eps),
      raw_insert_eps: round(rawInsertEps),
      append_ratio: round(single.eps / rawInsertEps, 3),
      batch_append_eps: round(batchEps),
      catchup_events: scan.count,
      catchup_eps: round(scan.eps),
      raw_scan_eps: round(rawScanEps),
      catchup_ratio: round(scan.eps / rawScanEps, 3),
      catchup_rss_mb: peakRssMb,
      seq_lag_ms_p99: single.lagP99,
    });
  } finally {
    await ledger.close();
    await pool.end();
    await admin.end();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ledger failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
