import { existsSync, readdirSync } from 'node:fs';
import { runRestoreDrill } from './restoreDrill';
import type { DrillProgress } from './drillProgress';

const phases: string[] = [];
const quiet: DrillProgress = {
  phase: (name) => phases.push(name),
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
  it('restores the embedded server to a point in time with every check passing', async () => {
    const result = await runRestoreDrill({ events: 4000, orgs: 3, progress: quiet });
    expect(result.failures).toEqual([]);
    expect(result.checks).toEqual({
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
    expect(result.pass).toBe(true);
    // The writes after the target are really lost: the restore stopped between two acknowledged writes.
    expect(result.figures.events_restored).toBe(
      Number(result.figures.events) - 2 * Number(result.figures.writes_lost_after_target),
    );
    expect(result.figures.backup_method).toBe('low-level API');
    expect(phases).toContain('services ready');
  }, 240_000);

  it("restores the machine's PostgreSQL from a pg_basebackup backup", async () => {
    const result = await runRestoreDrill({ events: 2000, orgs: 2, pgBin: machineBinaries(), progress: quiet });
    expect(result.failures).toEqual([]);
    expect(result.pass).toBe(true);
    expect(result.figures.backup_method).toBe('pg_basebackup');
  }, 240_000);
});
