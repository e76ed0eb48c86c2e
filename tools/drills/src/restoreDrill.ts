import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  createPool,
  Ed25519KeyRing,
  Ledger,
  LEDGER_WRITER_ROLE,
  LocalKeyProvider,
  migrate,
  readTreeHeads,
  TreeHeadPublisher,
  verifyOrg,
  type SignedTreeHead,
} from '@ledger/ledger';
import { freeLoopbackPort } from '@ledger/postgres';
import {
  demoProjection,
  loadProjectionMigrations,
  ProjectionRegistry,
  ProjectionRunner,
  rebuildOrg,
} from '@ledger/projections';
import { takeBaseBackup, type BackupMethod } from './baseBackup';
import type { DrillProgress } from './drillProgress';
import { identitySequencesBehind } from './identitySequences';
import { chownToServer, initCluster, resolvePgBin, serverOwnedDir, startCluster, type PgCluster } from './pgCluster';
import { waitForArchived } from './walArchive';
import { appendBulk, appendTrickle, eventsOf, type AckedWrite, type BulkLoad } from './workload';

export interface RestoreDrillOptions {
  /** Events of the whole workload: 90 % before the base backup, 10 % after it. */
  events: number;
  orgs: number;
  /** A PostgreSQL binaries folder; the embedded package's by default. */
  pgBin?: string;
  progress: DrillProgress;
}

export const RESTORE_TARGETS = {
  /** For 1,000,000 events on the reference machine (2 cores). */
  rtoSeconds: 300,
} as const;

export interface RestoreDrillResult {
  pass: boolean;
  figures: Record<string, number | string>;
  checks: Record<string, boolean>;
  /** Org ids and what failed, never event content. */
  failures: string[];
}

const MOVEMENTS = 99; // + one opening event: 100 events per account stream
/** Small appends on each side of the recovery target, each acknowledged before the next. */
const TRICKLE = 10;
/** Quiet time on each side of the target, so no commit falls on it. */
const TARGET_GAP_MS = 250;

/**
 * The whole backup and point-in-time restore drill on servers of its own: load, base backup,
 * keep writing, restore to a time between two acknowledged writes into a fresh server, start the
 * ledger and the example projection on it, and check what a restore must keep.
 */
export async function runRestoreDrill(options: RestoreDrillOptions): Promise<RestoreDrillResult> {
  const { progress } = options;
  const bin = resolvePgBin(options.pgBin);
  const root = await mkdtemp(join(tmpdir(), 'restore-drill-'));
  await chmod(root, 0o755);
  const dirs = {
    source: join(root, 'source'),
    archive: join(root, 'wal-archive'),
    backup: join(root, 'base-backup'),
    restored: join(root, 'restored'),
  };
  const clusters: PgCluster[] = [];
  try {
    progress.phase('starting source server', { bin });
    await initCluster(bin, dirs.source);
    await serverOwnedDir(dirs.archive);
    const source = await startCluster(bin, dirs.source, await freeLoopbackPort(), {
      wal_level: 'replica',
      archive_mode: 'on',
      archive_command: `test ! -f ${dirs.archive}/%f && cp %p ${dirs.archive}/%f`,
      max_wal_size: '4GB',
    });
    clusters.push(source);
    const written = await writeSource(source, bin, dirs, options);
    await source.stop();
    clusters.pop();

    progress.phase('restoring', { target: written.targetTime.toISOString() });
    const restoreStarted = performance.now();
    await serverOwnedDir(dirs.restored);
    await cp(dirs.backup, dirs.restored, { recursive: true });
    await writeFile(join(dirs.restored, 'recovery.signal'), '');
    await chownToServer(dirs.restored);
    await chmod(dirs.restored, 0o700);
    const restored = await startCluster(bin, dirs.restored, await freeLoopbackPort(), {
      restore_command: `cp ${dirs.archive}/%f %p`,
      recovery_target_time: pgTimestamp(written.targetTime),
      recovery_target_action: 'promote',
    });
    clusters.push(restored);
    const recoveredSeconds = (performance.now() - restoreStarted) / 1000;
    return await checkRestored(restored, written, restoreStarted, recoveredSeconds, options);
  } finally {
    for (const cluster of clusters) await cluster.stop().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}

interface SourceRecord {
  orgs: string[];
  events: number;
  backupMethod: BackupMethod;
  backupSeconds: number;
  loadEventsPerSecond: number;
  headsBeforeTarget: Map<string, SignedTreeHead[]>;
  headsAfterTarget: SignedTreeHead[];
  before: AckedWrite[];
  after: AckedWrite[];
  targetTime: Date;
  publicKeys: ReturnType<Ed25519KeyRing['publicKeys']>;
}

async function writeSource(
  source: PgCluster,
  bin: string,
  dirs: { source: string; backup: string; archive: string },
  options: RestoreDrillOptions,
): Promise<SourceRecord> {
  const { progress } = options;
  await migrate(source.url);
  await migrate(source.url, await loadProjectionMigrations(new ProjectionRegistry([demoProjection])));
  const admin = new Pool({ connectionString: source.url, max: 4 });
  const writer = createPool({ connectionString: source.url, max: 12, role: LEDGER_WRITER_ROLE });
  const ledger = new Ledger({ pool: writer, keyProvider: new LocalKeyProvider({ drill: randomBytes(32) }) });
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('drill')]);
  const publisher = new TreeHeadPublisher({ pool: writer, keys });
  const orgs = Array.from({ length: options.orgs }, (_, i) => `drill-org-${i + 1}`);
  const perAccount = MOVEMENTS + 1;
  const accountsBefore = Math.max(1, Math.round((options.events * 0.9) / (orgs.length * perAccount)));
  const accountsAfter = Math.max(1, Math.round((options.events * 0.1) / (orgs.length * perAccount)));
  const beforeBackup: BulkLoad = { orgs, accounts: accountsBefore, firstAccount: 0, movements: MOVEMENTS };
  const afterBackup: BulkLoad = { orgs, accounts: accountsAfter, firstAccount: accountsBefore, movements: MOVEMENTS };
  const headsBeforeTarget = new Map<string, SignedTreeHead[]>(orgs.map((org) => [org, []]));
  const publishAll = async (into: (head: SignedTreeHead) => void) => {
    await ledger.sequencer.drain();
    for (const org of orgs) into(await publisher.publish(org));
  };
  try {
    progress.phase('loading before the base backup', { events: eventsOf(beforeBackup), orgs: orgs.length });
    const loadStarted = performance.now();
    const bar = progress.count(eventsOf(beforeBackup));
    await appendBulk(ledger, beforeBackup, bar.advance, false);
    bar.done();
    await ledger.sequencer.drain();
    const loadEventsPerSecond = eventsOf(beforeBackup) / ((performance.now() - loadStarted) / 1000);
    progress.phase('projecting on the source');
    await new ProjectionRunner(admin, [demoProjection], { batchSize: 5000, batchesPerTurn: 1000 }).drain();
    await publishAll((head) => headsBeforeTarget.get(head.orgId)!.push(head));

    progress.phase('base backup');
    const backupStarted = performance.now();
    const backupMethod = await takeBaseBackup(bin, source.url, dirs.source, dirs.backup);
    const backupSeconds = (performance.now() - backupStarted) / 1000;

    progress.phase('writing after the base backup', { events: eventsOf(afterBackup), method: backupMethod });
    const afterBar = progress.count(eventsOf(afterBackup));
    const before = await appendBulk(ledger, afterBackup, afterBar.advance, true);
    afterBar.done();
    await publishAll((head) => headsBeforeTarget.get(head.orgId)!.push(head));
    before.push(...(await appendTrickle(ledger, orgs, TRICKLE, 1_000_000)));
    await ledger.sequencer.drain();

    await sleep(TARGET_GAP_MS);
    const targetTime = new Date();
    await sleep(TARGET_GAP_MS);
    progress.phase('writing after the recovery target', { target: targetTime.toISOString() });
    const after = await appendTrickle(ledger, orgs, TRICKLE, 2_000_000);
    const headsAfterTarget: SignedTreeHead[] = [];
    await publishAll((head) => headsAfterTarget.push(head));
    // The target is reached only on a commit after it: that WAL must be archived.
    await waitForArchived(admin);
    return {
      orgs,
      events: eventsOf(beforeBackup) + eventsOf(afterBackup) + 4 * TRICKLE,
      backupMethod,
      backupSeconds,
      loadEventsPerSecond,
      headsBeforeTarget,
      headsAfterTarget,
      before,
      after,
      targetTime,
      publicKeys: keys.publicKeys(),
    };
  } finally {
    await ledger.close();
    await writer.end();
    await admin.end();
  }
}

async function checkRestored(
  restored: PgCluster,
  written: SourceRecord,
  restoreStarted: number,
  recoveredSeconds: number,
  options: RestoreDrillOptions,
): Promise<RestoreDrillResult> {
  const { progress } = options;
  const admin = new Pool({ connectionString: restored.url, max: 6 });
  const writer = createPool({ connectionString: restored.url, max: 12, role: LEDGER_WRITER_ROLE });
  const ledger = new Ledger({ pool: writer, keyProvider: new LocalKeyProvider({ drill: randomBytes(32) }) });
  const failures: string[] = [];
  const checks: Record<string, boolean> = {};
  const check = (name: string, ok: boolean, failure: string) => {
    checks[name] = (checks[name] ?? true) && ok;
    if (!ok) failures.push(failure);
  };
  try {
    // The restore procedure analyses before serving: plans must not run on stale statistics.
    // A physical restore brings the statistics back with the catalogue; a logical one would show none here.
    const { rows: statistics } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'public'`,
    );
    progress.phase('analysing');
    const analyseStarted = performance.now();
    await admin.query('ANALYZE');
    const analyseSeconds = (performance.now() - analyseStarted) / 1000;
    await ledger.sequencer.drain();
    const rtoSeconds = (performance.now() - restoreStarted) / 1000;
    progress.phase('services ready', { rto_seconds: round(rtoSeconds) });

    progress.phase('catching up the projection');
    const catchUpStarted = performance.now();
    const caughtUp = await new ProjectionRunner(admin, [demoProjection], {
      batchSize: 5000,
      batchesPerTurn: 1000,
    }).drain();
    const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;
    const scanStarted = performance.now();
    let scanned = 0;
    for await (const event of ledger.readAll()) if (event.orgSeq >= 0) scanned++;
    const scanSeconds = (performance.now() - scanStarted) / 1000;

    progress.phase('checking acknowledged writes');
    for (const org of written.orgs) {
      const before = written.before.filter((ack) => ack.orgId === org).flatMap((ack) => ack.eventIds);
      const after = written.after.filter((ack) => ack.orgId === org).flatMap((ack) => ack.eventIds);
      const foundBefore = await countFound(ledger, org, before);
      const foundAfter = await countFound(ledger, org, after);
      check(
        'acknowledged_before_target_present',
        foundBefore === before.length,
        `${org}: ${before.length - foundBefore} writes acknowledged before the target are missing`,
      );
      check(
        'written_after_target_absent',
        foundAfter === 0,
        `${org}: ${foundAfter} events written after the target are present`,
      );
    }
    const expectedEvents = written.events - written.after.reduce((n, ack) => n + ack.eventIds.length, 0);
    const sizes = await ledger.orgSizes();
    const restoredEvents = sizes.reduce((n, size) => n + size.size, 0);
    check(
      'event_count',
      restoredEvents === expectedEvents,
      `restored ${restoredEvents} events, expected ${expectedEvents}`,
    );

    progress.phase('verifying orgs and tree heads');
    for (const org of written.orgs) {
      const report = await verifyOrg({ pool: admin, orgId: org, publicKeys: written.publicKeys, batchSize: 5000 });
      check('verify_passes', report.ok, `${org}: verify found ${report.findings.length} findings`);
      const heads = (await readTreeHeads(admin, org)).map(headKey);
      const expected = written.headsBeforeTarget.get(org)!.map(headKey);
      check(
        'tree_heads_match',
        JSON.stringify(heads) === JSON.stringify(expected),
        `${org}: signed tree heads differ from those published before the target`,
      );
    }

    progress.phase('comparing projection with a fresh rebuild');
    for (const org of written.orgs) {
      const rebuilt = await rebuildOrg({ pool: admin, ledger }, demoProjection, org, {
        actor: 'restore-drill',
        dryRun: true,
        batchSize: 5000,
      });
      check(
        'projection_matches_rebuild',
        rebuilt.comparison?.identical === true,
        `${org}: projection checksum differs from a fresh rebuild`,
      );
    }

    const behind = await identitySequencesBehind(admin);
    check(
      'identity_sequences_past_max',
      behind.length === 0,
      `identity sequences not past their column's maximum: ${behind.join(', ')}`,
    );
    const highestRecovered = Math.max(...written.before.map((ack) => ack.lastPosition));
    const fresh = await ledger.append({
      orgId: written.orgs[0],
      streamId: 'drill-after-restore',
      expectedRevision: 'no_stream',
      events: [{ type: 'DrillRestored', data: {}, metadata: { actor: 'restore-drill' } }],
    });
    check(
      'new_append_after_recovered',
      fresh.positions[0] > highestRecovered,
      `a new append got position ${fresh.positions[0]}, not past ${highestRecovered}`,
    );

    const lastBefore = written.before.reduce((latest, ack) => Math.max(latest, ack.ackedAt.getTime()), 0);
    const rpoSeconds = (written.targetTime.getTime() - lastBefore) / 1000;
    check(
      'rto_within_target',
      rtoSeconds < RESTORE_TARGETS.rtoSeconds,
      `RTO ${round(rtoSeconds)} s over ${RESTORE_TARGETS.rtoSeconds} s`,
    );
    return {
      pass: failures.length === 0,
      checks,
      failures,
      figures: {
        events: written.events,
        orgs: written.orgs.length,
        events_restored: restoredEvents,
        writes_lost_after_target: written.after.length,
        backup_method: written.backupMethod,
        base_backup_seconds: round(written.backupSeconds),
        load_events_per_second: Math.round(written.loadEventsPerSecond),
        recovery_seconds: round(recoveredSeconds),
        analyse_seconds: round(analyseSeconds),
        planner_statistics_before_analyse: statistics[0].n,
        rto_seconds: round(rtoSeconds),
        rpo_seconds: round(rpoSeconds),
        catch_up_events: caughtUp.applied,
        catch_up_events_per_second: catchUpSeconds > 0 ? Math.round(caughtUp.applied / catchUpSeconds) : 0,
        read_scan_events_per_second: Math.round(scanned / scanSeconds),
      },
    };
  } finally {
    await ledger.close();
    await writer.end();
    await admin.end();
  }
}

async function countFound(ledger: Ledger, orgId: string, eventIds: string[]): Promise<number> {
  let found = 0;
  for (let from = 0; from < eventIds.length; from += 1000) {
    found += (await ledger.readEvents(orgId, eventIds.slice(from, from + 1000))).length;
  }
  return found;
}

function headKey(head: SignedTreeHead): string {
  return `${head.treeSize}:${head.rootHash}:${head.keyId}:${head.signature}`;
}

/** recovery_target_time wants a timestamp with its zone, at millisecond precision. */
function pgTimestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '+00');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
