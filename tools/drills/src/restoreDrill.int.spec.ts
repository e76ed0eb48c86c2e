import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DrillProgress } from './drillProgress';
import type { ReadinessRecord } from './readinessReport';
import { runRestoreDrill } from './restoreDrill';

const MAIN = join(__dirname, 'restoreMain.ts');
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
const quiet: DrillProgress = {
  phase: () => undefined,
  count: () => ({ advance: () => undefined, done: () => undefined }),
};

/** The machine's PostgreSQL (Debian's layout; .ci/run installs it): the newest major version there. */
function machineBinaries(): string {
  const majors = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  const bin = majors
    .map((major) => `/usr/lib/postgresql/${major}/bin`)
    .find((dir) => existsSync(`${dir}/pg_basebackup`));
  if (bin === undefined) throw new Error('no /usr/lib/postgresql/<major>/bin with pg_basebackup on this machine');
  return bin;
}

describe('restore drill', () => {
  it('runs `drill:restore --quick` on the embedded binaries and records a PASS with every check', async () => {
    const out = await mkdtemp(join(tmpdir(), 'restore-drill-out-'));
    try {
      const { stdout } = await promisify(execFile)(TSX, [MAIN, '--quick', '--json', '--out', out], {
        env: { ...process.env, FORCE_COLOR: '0' },
        maxBuffer: 16 * 1024 * 1024,
      });
      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; phase?: string });
      expect(lines.filter((line) => line.type === 'phase').map((line) => line.phase)).toContain('services ready');
      const record = JSON.parse(await readFile(join(out, 'restore-drill.json'), 'utf8')) as ReadinessRecord;
      expect(record.name).toBe('restore-drill');
      expect(record.command).toBe(`npm run drill:restore -- --quick --json --out ${out}`);
      expect(record.failures).toEqual([]);
      expect(record.checks).toEqual({
        acknowledged_before_target_present: true,
        written_after_target_absent: true,
        event_count: true,
        verify_passes: true,
        tree_heads_match: true,
        projection_matches_rebuild: true,
        identity_sequences_past_max: true,
        new_append_after_recovered: true,
        rto_within_target: true,
      });
      expect(record.result).toBe('PASS');
      // The writes after the target are really lost: the restore stopped between two acknowledged writes.
      const { events, events_restored, writes_lost_after_target, backup_method } = record.figures;
      expect(events_restored).toBe(Number(events) - 2 * Number(writes_lost_after_target));
      expect(backup_method).toBe('low-level API');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 240_000);

  it("restores the machine's PostgreSQL from a pg_basebackup backup", async () => {
    const result = await runRestoreDrill({ events: 2000, orgs: 2, pgBin: machineBinaries(), progress: quiet });
    expect(result.failures).toEqual([]);
    expect(result.pass).toBe(true);
    expect(result.figures.backup_method).toBe('pg_basebackup');
  }, 240_000);
});
