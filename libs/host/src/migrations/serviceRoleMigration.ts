import { createHash } from 'node:crypto';
import { busServiceGrantsSql } from '@ledger/bus';
import { grantMembershipSql } from '@ledger/postgres';
import { ledgerRequestGrantsSql, ledgerServiceGrantsSql, type Migration } from '@ledger/ledger';
import { projectionGrantsSql } from '@ledger/projections';
import { serviceRequestRole, serviceRole } from '../config/serviceConfig';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';

/**
 * The service's own role for multi-node, NOLOGIN: the deployment makes it usable, either with
 * `ALTER ROLE svc_x LOGIN PASSWORD '...'` or by granting it to a login role
 * (`deploy/postgres/service-logins.sql`), and the start-up gate refuses to run when the
 * connection's role can write another service's tables or does not own the service's categories.
 */
function createRoleSql(role: string): string {
  return `DO $$
BEGIN
  CREATE ROLE ${role} NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
`;
}

/** Full DML on every table of the service's prefix, those of later migrations included, and on no other service's. */
export function ownTablesSql(role: string, prefix: string): string {
  return `DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables
            WHERE schemaname = current_schema() AND left(tablename, length('${prefix}')) = '${prefix}'
  LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${role}', t);
  END LOOP;
END;
$$;
`;
}

/**
 * A service's role and its request role, their grants, its inbox and its categories, generated from its descriptor by
 * the libraries that own each table. Run on every migrate after the service's own migrations, so
 * tables they add are granted too; idempotent.
 */
export function serviceRoleMigration(service: ServiceDescriptor): Migration {
  const role = serviceRole(service);
  const requestRole = serviceRequestRole(service);
  const sql = [
    createRoleSql(role),
    createRoleSql(requestRole),
    ledgerRequestGrantsSql(requestRole),
    projectionGrantsSql(requestRole),
    ownTablesSql(requestRole, service.prefix),
    // The service's login takes the request role for its request pool through the service role.
    grantMembershipSql(requestRole, role),
    ledgerServiceGrantsSql(role, service.categories),
    projectionGrantsSql(role),
    busServiceGrantsSql(role, `${service.prefix}inbox`),
    ownTablesSql(role, service.prefix),
  ].join('\n');
  return {
    version: `${service.name}:service-role`,
    sql,
    checksum: createHash('sha256').update(sql).digest('hex'),
    repeatable: true,
  };
}
