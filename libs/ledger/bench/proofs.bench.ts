/**
 * `npm run bench:proofs [-- --quick]`: proofs, verification and export on one org of 1,000,000
 * events (100,000 with --quick), against raw SHA-256 of the same canonical bytes in the same
 * run. Prints one JSON line and writes outputs/bench/proofs.json.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import {
  createPool,
  Ed25519KeyRing,
  exportBundle,
  Ledger,
  LEDGER_WRITER_ROLE,
  LocalKeyProvider,
  migrate,
  TreeHeadPublisher,
  TreeProofs,
  verifyOrg,
} from '../src';
import { openBenchDatabase } from './benchDatabase';
import { peakRssDuring, percentile, progress, reportBench, round } from './benchReport';

const quick = process.argv.includes('--quick');
const EVENTS = quick ? 100_000 : 1_000_000;
const WRITERS = 8;
const BATCH = 500;
const SAMPLES = quick ? 500 : 2000;
const ORG = 'org-proofs';

async function seed(ledger: Ledger): Promise<void> {
  const perWriter = Math.ceil(EVENTS / WRITERS / BATCH);
  let n = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, worker) => {
      for (let i = 0; i < perWriter; i++) {
        const events = Array.from({ length: BATCH }, () => ({
          type: 'EvidenceSpanPinned',
          data: {
            documentId: `doc-${n % 997}`,
            startChar: n % 5000,
            endChar: (n++ % 5000) + 40,
            note: 'x'.repeat(240),
          },
          metadata: { actor: 'bench-writer' },
        }));
        await ledger.append({ orgId: ORG, streamId: `evidence-${worker}`, expectedRevision: 'any', events });
        if (worker === 0 && i % 20 === 0) progress(`seeding: ${n} events`);
      }
    }),
  );
  await ledger.sequencer.drain();
}

async function timeEach(count: number, operation: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await operation();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** Raw node:crypto leaf hashing of the org's own canonical texts (a sample, hashed repeatedly). */
async function sha256Eps(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ canonical: string }>(
    `SELECT e.canonical FROM ledger_log l JOIN ledger_events e ON e.position = l.position
      WHERE l.org_id = $1 ORDER BY l.org_seq LIMIT 100000`,
    [ORG],
  );
  const prefix = Buffer.from([0]);
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    createHash('sha256')
      .update(prefix)
      .update(rows[i % rows.length].canonical)
      .digest();
  }
  return EVENTS / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  await migrate(database.url);
  const pool = createPool({ connectionString: database.url, max: WRITERS + 4, role: LEDGER_WRITER_ROLE });
  const ledger = new Ledger({ pool, keyProvider: new LocalKeyProvider({ bench: randomBytes(32) }) });
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('bench-key')]);
  const bundleDir = await mkdtemp(join(tmpdir(), 'ledger-bundle-'));
  try {
    progress(`server: ${database.server}; ${EVENTS} events`);
    await seed(ledger);
    // Nothing else runs while proofs are timed.
    await ledger.sequencer.stop();
    const head = await new TreeHeadPublisher({ pool, keys }).publish(ORG);
    if (head.treeSize < EVENTS) throw new Error(`tree holds ${head.treeSize} of ${EVENTS} events`);
    const trees = new TreeProofs(pool);
    progress('inclusion and consistency proofs');
    const inclusion = await timeEach(SAMPLES, () => trees.inclusionProof(ORG, randomInt(head.treeSize), head.treeSize));
    const consistency = await timeEach(SAMPLES, () =>
      trees.consistencyProof(ORG, 1 + randomInt(head.treeSize), head.treeSize),
    );
    progress('full-org verification');
    const verifyStarted = performance.now();
    const report = await verifyOrg({ pool, orgId: ORG, publicKeys: keys.publicKeys() });
    const verifyEps = report.events / ((performance.now() - verifyStarted) / 1000);
    if (!report.ok) throw new Error(`verification failed: ${report.findings.length} findings`);
    progress('streamed export with proofs');
    const exportStarted = performance.now();
    const { peakRssMb } = await peakRssDuring(() => exportBundle({ pool, orgId: ORG, dir: bundleDir, keys }));
    const exportEps = head.treeSize / ((performance.now() - exportStarted) / 1000);
    // After the export, so that its memory peak does not include this sample of texts.
    const hashEps = await sha256Eps(pool);
    await reportBench('proofs', {
      bench: 'proofs',
      mode: quick ? 'quick' : 'full',
      server: database.server,
      events: head.treeSize,
      samples: SAMPLES,
      proof_p50_ms: round(percentile(inclusion, 50), 3),
      proof_p99_ms: round(percentile(inclusion, 99), 3),
      consistency_p50_ms: round(percentile(consistency, 50), 3),
      consistency_p99_ms: round(percentile(consistency, 99), 3),
      verify_eps: round(verifyEps),
      sha256_eps: round(hashEps),
      verify_ratio: round(verifyEps / hashEps, 3),
      export_eps: round(exportEps),
      peak_rss_mb: peakRssMb,
    });
  } finally {
    await rm(bundleDir, { recursive: true, force: true });
    await ledger.close();
    await pool.end();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:proofs failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
