-- The runner's bookkeeping under forced row-level security, like every org-scoped table: a
-- connection sees its org's rows alone (app.org_id) unless its role is in ledger_cross_org (the
-- projection worker, which runs every org's batches and reports every org's state).
DO $$
BEGIN
  CREATE ROLE ledger_cross_org NOLOGIN NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;

ALTER TABLE projection_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE projection_state FORCE ROW LEVEL SECURITY;
CREATE POLICY projection_state_org_isolation ON projection_state
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY projection_state_cross_org ON projection_state TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE projection_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE projection_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY projection_checkpoints_org_isolation ON projection_checkpoints
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY projection_checkpoints_cross_org ON projection_checkpoints TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE projection_rebuilds ENABLE ROW LEVEL SECURITY;
ALTER TABLE projection_rebuilds FORCE ROW LEVEL SECURITY;
CREATE POLICY projection_rebuilds_org_isolation ON projection_rebuilds
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY projection_rebuilds_cross_org ON projection_rebuilds TO ledger_cross_org
  USING (true)
  WITH CHECK (true);
