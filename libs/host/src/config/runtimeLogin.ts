import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { LEDGER_WRITER_ROLE } from '@ledger/ledger';
import { PROJECTOR_ROLE, REQUEST_ROLE } from '../migrations/runtimeRolesMigration';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { serviceRole } from './serviceConfig';

/** The login single-node's process uses at run time; it owns nothing and bypasses nothing. */
export const RUNTIME_LOGIN = 'ledger_app';

/** What the login may become: the ledger's engine, the projection worker and the request role. */
const RUNTIME_ROLES = [LEDGER_WRITER_ROLE, PROJECTOR_ROLE, REQUEST_ROLE];

// Concurrent role changes on one cluster (parallel test suites) can meet in the catalogue.
const CATALOGUE_RACES = new Set(['XX000', '23505', '42710']);

/**
 * Derived from the owner's password, so every process of one server computes the same one without
 * storing it (the embedded server's port changes on every start, so it is left out), and only
 * whoever holds the owner's credentials can.
 */
function runtimePassword(owner: URL, login: string): string {
  return createHash('sha256').update(`${login}\0${owner.hostname}\0${owner.password}`).digest('base64url');
}

async function withRetries(client: Client, sql: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(sql);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || !code || !CATALOGUE_RACES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/**
 * Creates (or repairs) single-node's run-time login from the owner's connection, after the
 * migrations created the roles it takes, and returns its URL: NOSUPERUSER, NOBYPASSRLS, and
 * NOINHERIT, so it holds no privilege until a pool takes one role with `SET ROLE`, and a request
 * connection never gains the engine's cross-org policy. The owner runs this, never the process
 * that serves.
 */
export function ensureRuntimeLogin(ownerUrl: string): Promise<string> {
  return ensureLogin(ownerUrl, RUNTIME_LOGIN, RUNTIME_ROLES);
}

/**
 * A multi-node service's login for development and tests (`<service>_app`, as
 * deploy/postgres/service-logins.sql names it in a deployment), granted its service role alone.
 */
export function ensureServiceLogin(ownerUrl: string, service: ServiceDescriptor): Promise<string> {
  return ensureLogin(ownerUrl, `${service.name.replace(/-/g, '_')}_app`, [serviceRole(service)]);
}

async function ensureLogin(ownerUrl: string, login: string, roles: readonly string[]): Promise<string> {
  const owner = new URL(ownerUrl);
  const password = runtimePassword(owner, login);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
    if (rows.length === 0) await withRetries(client, `CREATE ROLE ${login} LOGIN`);
    // Every time: it repairs attributes changed by hand, and the password is the same value for
    // every caller, so concurrent callers agree.
    const literal = await client.query<{ quoted: string }>('SELECT quote_literal($1) AS quoted', [password]);
    await withRetries(
      client,
      `ALTER ROLE ${login} LOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEROLE NOCREATEDB NOREPLICATION PASSWORD ${literal.rows[0].quoted}`,
    );
    const granted = await client.query<{ role: string }>(
      `SELECT r.rolname AS role FROM pg_auth_members a
         JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
        WHERE m.rolname = $1`,
      [login],
    );
    const held = new Set(granted.rows.map((row) => row.role));
    for (const role of roles.filter((name) => !held.has(name))) {
      await withRetries(client, `GRANT ${role} TO ${login}`);
    }
  } finally {
    await client.end();
  }
  const runtime = new URL(ownerUrl);
  runtime.username = login;
  runtime.password = password;
  return runtime.toString();
}
