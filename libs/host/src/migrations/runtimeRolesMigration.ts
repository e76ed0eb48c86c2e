import { createHash } from 'node:crypto';
import type { Migration } from '@ledger/ledger';
import { projectionGrantsSql, type ProjectionDefinition } from '@ledger/projections';

/** Single-node's run-time roles (created by the ledger's migrations); see RUNTIME_ROLES. */
export const PROJECTOR_ROLE = 'ledger_projector';
export const REQUEST_ROLE = 'ledger_request';

/**
 * The grants of single-node's projection worker and request roles on the projections' tables and
 * the runner's: both may read and write them, the worker in every org (ledger_cross_org), a
 * request in its own alone (row-level security). Repeatable, like the service roles.
 */
export function runtimeRolesMigration(projections: readonly ProjectionDefinition[]): Migration {
  const tables = [...new Set(projections.flatMap((projection) => projection.tables.map((table) => table.name)))];
  const roles = [PROJECTOR_ROLE, REQUEST_ROLE];
  const own =
    tables.length === 0 ? '' : `GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.join(', ')} TO ${roles.join(', ')};\n`;
  const sql = `${roles.map(projectionGrantsSql).join('')}${own}`;
  return {
    version: 'host:runtime-roles',
    sql,
    checksum: createHash('sha256').update(sql).digest('hex'),
    repeatable: true,
  };
}
