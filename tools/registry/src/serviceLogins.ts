import { serviceRole, type ServiceDescriptor } from '@ledger/host';

/** `meeting-prep` → `meeting_prep`: the stem of its login user and of its password variable. */
function stem(service: ServiceDescriptor): string {
  return service.name.replace(/-/g, '_');
}

function psqlVariables(services: readonly ServiceDescriptor[]): string {
  const pairs: string[] = [];
  for (let i = 0; i < services.length; i += 2) {
    pairs.push(
      services
        .slice(i, i + 2)
        .map((service) => `-v ${stem(service)}_password=...`)
        .join(' '),
    );
  }
  return pairs.map((pair) => `--        ${pair} \\`).join('\n');
}

function header(services: readonly ServiceDescriptor[]): string {
  const roles = services.map(serviceRole);
  const named = `${roles.slice(0, -1).join(', ')} and ${roles[roles.length - 1]}`;
  return `-- The multi-node login users: one per service, each granted only its service role. Run by the
-- one-shot \`db-grants\` job of docker-compose.yml as the database owner, after \`npm run migrate\`
-- has created the NOLOGIN service roles (${named}),
-- which \`ledger migrate\` generates from the service registry. Re-running is harmless and resets
-- the passwords. Generated from tools/registry by \`npm run deploy:service-logins\`: do not edit.
--
--   psql -v ON_ERROR_STOP=1 \\
${psqlVariables(services)}
--        -f deploy/postgres/service-logins.sql
--
-- A service connects as its login user and takes its role (\`SET ROLE svc_<service>\`, or
-- svc_<service>_request for its HTTP requests, a role of the service role); the start-up gate
-- then refuses to run if that role can write another service's tables, or if the login or its
-- role is a superuser or bypasses row-level security. The login users own nothing, inherit
-- nothing (NOINHERIT: they hold a privilege only once a connection takes a role) and get no other
-- grant: no superuser, no BYPASSRLS, no CREATEDB, no CREATEROLE.
`;
}

/** `deploy/postgres/service-logins.sql` for the registry's services. */
export function serviceLoginsSql(services: readonly ServiceDescriptor[]): string {
  const roles = services.map((service) => `'${serviceRole(service)}'`).join(', ');
  const logins = services.map((service) => `'${stem(service)}_app'`).join(', ');
  const width = Math.max(...services.map((service) => `${stem(service)}_app`.length));
  const values = services.map((service) => `  ('${stem(service)}_app', '${serviceRole(service)}')`).join(',\n');
  const alters = services
    .map(
      (service) =>
        `ALTER ROLE ${`${stem(service)}_app`.padEnd(width)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'${stem(service)}_password';`,
    )
    .join('\n');
  return `${header(services)}
\\set ON_ERROR_STOP on

-- Migrations must have run: the service roles are theirs, never created here.
DO $$
BEGIN
  IF (SELECT count(*) FROM pg_roles
       WHERE rolname IN (${roles})) <> ${services.length} THEN
    RAISE EXCEPTION 'the service roles are missing: run \`npm run migrate\` first';
  END IF;
END;
$$;

BEGIN;

CREATE TEMPORARY TABLE service_login (login name PRIMARY KEY, service_role name NOT NULL) ON COMMIT DROP;
INSERT INTO service_login VALUES
${values};

SELECT format('CREATE ROLE %I LOGIN', login)
  FROM service_login
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login)
\\gexec

${alters}

-- And nothing else: any other membership a login user was given by hand goes.
SELECT format('REVOKE %I FROM %I', r.rolname, m.rolname)
  FROM pg_auth_members a
  JOIN pg_roles m ON m.oid = a.member
  JOIN pg_roles r ON r.oid = a.roleid
  JOIN service_login s ON s.login = m.rolname
 WHERE r.rolname <> s.service_role
\\gexec

SELECT format('GRANT %I TO %I', service_role, login) FROM service_login ORDER BY login
\\gexec

COMMIT;

-- What each login user may become: exactly its own service role.
SELECT m.rolname AS login, r.rolname AS service_role
  FROM pg_auth_members a
  JOIN pg_roles m ON m.oid = a.member
  JOIN pg_roles r ON r.oid = a.roleid
 WHERE m.rolname IN (${logins})
 ORDER BY m.rolname;
`;
}
