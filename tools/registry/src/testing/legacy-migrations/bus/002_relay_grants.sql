-- Each service's relay writes its own checkpoint row as the service's role. A service whose role
-- migration ran before this table existed (a database first migrated without the bus) got no
-- grant then; this gives it to every service role that exists. Roles created later grant it
-- themselves (services/*/migrations/002_service_role.sql).
DO $$
DECLARE
  r text;
BEGIN
  FOR r IN SELECT rolname FROM pg_roles WHERE rolname IN ('svc_evidence', 'svc_claims', 'svc_meeting_prep', 'svc_audit')
  LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON bus_relay_checkpoints TO %I', r);
  END LOOP;
END;
$$;
