-- Row-level security on every org-scoped table of the ledger (ENABLE and FORCE): a connection sees
-- and writes only the rows of its org (app.org_id, set per transaction or per checkout), unless its
-- role is a member of ledger_cross_org. The ledger's engine is: its group commit shares one INSERT
-- across streams and orgs (each row's org comes from an append request the appender validated),
-- its sequencer orders every org's committed rows, and the relay reads the global log. No HTTP
-- request runs as a cross-org role; requests run as ledger_request (or svc_<service>_request). See
-- README.md, "Row-level security and roles".
DO $$
BEGIN
  CREATE ROLE ledger_cross_org NOLOGIN NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
DO $$
BEGIN
  CREATE ROLE ledger_projector NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
DO $$
BEGIN
  CREATE ROLE ledger_request NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
-- Memberships are server-wide: databases migrated side by side may grant them at the same moment.
DO $$
BEGIN
  IF NOT pg_has_role('ledger_writer', 'ledger_cross_org', 'MEMBER') THEN
    GRANT ledger_cross_org TO ledger_writer;
  END IF;
  IF NOT pg_has_role('ledger_projector', 'ledger_cross_org', 'MEMBER') THEN
    GRANT ledger_cross_org TO ledger_projector;
  END IF;
EXCEPTION WHEN unique_violation OR internal_error THEN NULL;
END;
$$;

-- The projection worker reads every org's events; requests read their org's (verification, export)
-- and publish its signed tree heads.
GRANT SELECT ON ledger_events, ledger_log, ledger_org_heads, ledger_stream_keys, ledger_merkle_tiles, ledger_tree_heads, ledger_sequencer_cursor TO ledger_projector, ledger_request;
GRANT INSERT ON ledger_tree_heads TO ledger_request;

ALTER TABLE ledger_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_events FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_events_org_isolation ON ledger_events
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_events_cross_org ON ledger_events TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE ledger_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_log FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_log_org_isolation ON ledger_log
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_log_cross_org ON ledger_log TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE ledger_org_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_org_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_org_heads_org_isolation ON ledger_org_heads
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_org_heads_cross_org ON ledger_org_heads TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE ledger_stream_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_stream_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_stream_keys_org_isolation ON ledger_stream_keys
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_stream_keys_cross_org ON ledger_stream_keys TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE ledger_merkle_tiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_merkle_tiles FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_merkle_tiles_org_isolation ON ledger_merkle_tiles
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_merkle_tiles_cross_org ON ledger_merkle_tiles TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE ledger_tree_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_tree_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_tree_heads_org_isolation ON ledger_tree_heads
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_tree_heads_cross_org ON ledger_tree_heads TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

-- Request roles append too, in the transaction of the change they record (an operator's resume or
-- skip of a projection with its audit event): their org's rows only, by the policies above.
GRANT INSERT ON ledger_events TO ledger_request;
GRANT SELECT, INSERT ON ledger_stream_keys TO ledger_request;

-- A multi-node service's request role (svc_<service>_request) has its service role as a member:
-- it appends for that service, so it is restricted to that service's categories as well.
CREATE OR REPLACE FUNCTION ledger_check_category_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  refused record;
BEGIN
  -- is_superuser follows SET ROLE and cannot be set by a session.
  IF current_setting('is_superuser') = 'on'
     OR NOT EXISTS (SELECT 1 FROM ledger_category_owners o
                     WHERE pg_has_role(o.owner_role, 'USAGE')
                        OR pg_has_role(o.owner_role, current_user, 'MEMBER')) THEN
    RETURN NULL;
  END IF;
  SELECT a.stream_id, split_part(a.stream_id, '-', 1) AS category
    INTO refused
    FROM appended a
   WHERE NOT EXISTS (SELECT 1 FROM ledger_category_owners o
                      WHERE o.category = split_part(a.stream_id, '-', 1)
                        AND (pg_has_role(o.owner_role, 'USAGE') OR pg_has_role(o.owner_role, current_user, 'MEMBER')))
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger: role % may not append to stream category "%" (stream %): it is not one of its categories',
      current_user, refused.category, refused.stream_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;
