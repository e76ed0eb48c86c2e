-- The meeting-prep service's own database role for multi-node, where each service connects as its own
-- role. NOLOGIN here: the deployment makes it usable, either
--   ALTER ROLE svc_meeting_prep LOGIN PASSWORD '...';  -- connect as svc_meeting_prep, or
--   GRANT svc_meeting_prep TO <login role>;  -- a login role using its rights (the trigger limits it too),
-- and the start-up gate (libs/http/src/topology) refuses to run when the connection's role can
-- write another service's tables or does not own this service's stream categories.
DO $$
BEGIN
  CREATE ROLE svc_meeting_prep NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;

-- Append and read the ledger: the same rights as ledger_writer (the appender and the sequencer).
GRANT SELECT, INSERT ON ledger_events, ledger_log, ledger_merkle_tiles, ledger_tree_heads TO svc_meeting_prep;
GRANT SELECT, INSERT, UPDATE ON ledger_org_heads, ledger_sequencer_cursor, ledger_stream_keys TO svc_meeting_prep;
GRANT SELECT ON ledger_category_owners, ledger_schema_migrations TO svc_meeting_prep;

-- The projection runner's bookkeeping, shared by every service's projections.
GRANT SELECT, INSERT, UPDATE, DELETE ON projection_state, projection_checkpoints, projection_rebuilds TO svc_meeting_prep;

-- Full DML on this service's own tables and on nothing else of another service's. Tables added by
-- later migrations of this service need their own GRANT.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables
            WHERE schemaname = current_schema() AND left(tablename, length('meeting_prep_')) = 'meeting_prep_'
  LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO svc_meeting_prep', t);
  END LOOP;
  -- The outbox relay's checkpoint, when the bus tables are installed in this database.
  IF to_regclass('bus_relay_checkpoints') IS NOT NULL THEN
    GRANT SELECT, INSERT, UPDATE ON bus_relay_checkpoints TO svc_meeting_prep;
  END IF;
END;
$$;

-- The stream categories only this role may append to (enforced by ledger_events' trigger).
INSERT INTO ledger_category_owners (category, owner_role)
VALUES ('brief', 'svc_meeting_prep'), ('briefaccess', 'svc_meeting_prep')
ON CONFLICT (category) DO NOTHING;
-- Re-running is harmless, but a category another role already owns is a conflict, never a takeover.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_category_owners
              WHERE category IN ('brief', 'briefaccess') AND owner_role <> 'svc_meeting_prep') THEN
    RAISE EXCEPTION 'a stream category of svc_meeting_prep (brief, briefaccess) is already owned by another role';
  END IF;
END;
$$;
