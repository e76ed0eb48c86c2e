import type { Command } from 'commander';
import type { ProjectionRegistry } from '@ledger/projections';
import { registerProjectionsList } from './projectionsList';
import { registerProjectionsStatus } from './projectionsStatus';
import { registerProjectionsRebuild } from './projectionsRebuild';
import { registerProjectionsResume } from './projectionsResume';
import { registerProjectionsSkip } from './projectionsSkip';

/** `ledger projections …`: the on-call tool for read models; see runbooks/rebuild-projection.md. */
export function registerProjections(program: Command, registry: ProjectionRegistry): void {
  const projections = program
    .command('projections')
    .description('Inspect, rebuild, resume or skip projections per org');
  registerProjectionsList(projections, registry);
  registerProjectionsStatus(projections, registry);
  registerProjectionsRebuild(projections, registry);
  registerProjectionsResume(projections, registry);
  registerProjectionsSkip(projections, registry);
}
