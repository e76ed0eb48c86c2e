import type { Command } from 'commander';
import { registerProjectionsList, registerProjectionsStatus } from './projectionsRead';
import { registerProjectionsRebuild } from './projectionsRebuild';
import { registerProjectionsResume, registerProjectionsSkip } from './projectionsRepair';

/** `ledger projections …`: the on-call tool for read models; see runbooks/rebuild-projection.md. */
export function registerProjections(program: Command): void {
  const projections = program
    .command('projections')
    .description('Inspect, rebuild, resume or skip projections per org');
  registerProjectionsList(projections);
  registerProjectionsStatus(projections);
  registerProjectionsRebuild(projections);
  registerProjectionsResume(projections);
  registerProjectionsSkip(projections);
}
