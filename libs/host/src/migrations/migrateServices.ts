import { loadBusMigrations } from '@ledger/bus';
import { migrate, type MigrationReport } from '@ledger/ledger';
import { loadProjectionMigrations, ProjectionRegistry } from '@ledger/projections';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { runtimeRolesMigration } from './runtimeRolesMigration';
import { serviceRoleMigration } from './serviceRoleMigration';

export interface MigrateServicesOptions {
  /** The relay's checkpoint table; single-node runs no relay, so `npm start` leaves it out. Default true. */
  bus?: boolean;
}

/**
 * Every migration a deployment of `services` runs, in order: the ledger's, the bus's (before the
 * roles, which grant its checkpoint table), the projection runner's and each service's own
 * tables, then each service's generated role and grants, and single-node's run-time roles' grants.
 */
export async function migrateServices(
  databaseUrl: string,
  services: readonly ServiceDescriptor[],
  options: MigrateServicesOptions = {},
): Promise<MigrationReport> {
  const reports = [await migrate(databaseUrl)];
  if (options.bus ?? true) reports.push(await migrate(databaseUrl, await loadBusMigrations()));
  const registry = new ProjectionRegistry(services.flatMap((service) => [...service.projections]));
  reports.push(await migrate(databaseUrl, await loadProjectionMigrations(registry)));
  reports.push(
    await migrate(databaseUrl, [...services.map(serviceRoleMigration), runtimeRolesMigration(registry.list())]),
  );
  return {
    applied: reports.flatMap((report) => report.applied),
    alreadyApplied: reports.flatMap((report) => report.alreadyApplied),
    repeated: reports.flatMap((report) => report.repeated),
  };
}
