-- The multi-node login users: one per service, each granted only its service role. Run by the
-- one-shot `db-grants` job of docker-compose.yml as the database owner, after `npm run migrate`
-- has created the NOLOGIN service roles (svc_evidence, svc_claims, svc_meeting_prep and svc_audit),
-- which `ledger migrate` generates from the service registry. Re-running is harmless and resets
-- the passwords. Generated from tools/registry by `npm run deploy:service-logins`: do not edit.
--
--   psql -v ON_ERROR_STOP=1 \
--        -v evidence_password=... -v claims_password=... \
--        -v meeting_prep_password=... -v audit_password=... \
--        -f deploy/postgres/service-logins.sql
--
-- A service connects as its login user and takes its role (`SET ROLE svc_<service>`, or
-- svc_<service>_request for its HTTP requests, a role of the service role); the start-up gate
-- then refuses to run if that role can write another service's tables, or if the login or its
-- role is a superuser or bypasses row-level security. The login users own nothing, inherit
-- nothing (NOINHERIT: they hold a privilege only once a connection takes a role) and get no other
-- grant: no superuser, no BYPASSRLS, no CREATEDB, no CREATEROLE.

\set ON_ERROR_STOP on

-- Migrations must have run: the service roles are theirs, never created here.
DO $$
BEGIN
  IF (SELECT count(*) FROM pg_roles
       WHERE rolname IN ('svc_evidence', 'svc_claims', 'svc_meeting_prep', 'svc_audit')) <> 4 THEN
    RAISE EXCEPTION 'the service roles are missing: run `npm run migrate` first';
  END IF;
END;
$$;

BEGIN;

CREATE TEMPORARY TABLE service_login (login name PRIMARY KEY, service_role name NOT NULL) ON COMMIT DROP;
INSERT INTO service_login VALUES
  ('evidence_app', 'svc_evidence'),
  ('claims_app', 'svc_claims'),
  ('meeting_prep_app', 'svc_meeting_prep'),
  ('audit_app', 'svc_audit');

SELECT format('CREATE ROLE %I LOGIN', login)
  FROM service_login
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login)
\gexec

ALTER ROLE evidence_app     LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'evidence_password';
ALTER ROLE claims_app       LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'claims_password';
ALTER ROLE meeting_prep_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'meeting_prep_password';
ALTER ROLE audit_app        LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'audit_password';

-- And nothing else: any other membership a login user was given by hand goes.
SELECT format('REVOKE %I FROM %I', r.rolname, m.rolname)
  FROM pg_auth_members a
  JOIN pg_roles m ON m.oid = a.member
  JOIN pg_roles r ON r.oid = a.roleid
  JOIN service_login s ON s.login = m.rolname
 WHERE r.rolname <> s.service_role
\gexec

SELECT format('GRANT %I TO %I', service_role, login) FROM service_login ORDER BY login
\gexec

COMMIT;

-- What each login user may become: exactly its own service role.
SELECT m.rolname AS login, r.rolname AS service_role
  FROM pg_auth_members a
  JOIN pg_roles m ON m.oid = a.member
  JOIN pg_roles r ON r.oid = a.roleid
 WHERE m.rolname IN ('evidence_app', 'claims_app', 'meeting_prep_app', 'audit_app')
 ORDER BY m.rolname;
