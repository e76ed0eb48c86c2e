-- Retention classes and legal holds: the enforcement side of compliance actions whose record is
-- the ledger event appended in the same transaction (docs/compliance.md). The tables answer
-- "may this stream's personal data be shredded now?" without replaying the org's events.

-- The regulatory floors, built in: only migrations (the table's owner) change them.
CREATE TABLE ledger_retention_floors (
  regulation   text PRIMARY KEY,
  floor_months integer NOT NULL CHECK (floor_months > 0)
);
INSERT INTO ledger_retention_floors (regulation, floor_months) VALUES
  ('sec-17a-4', 72),
  ('finra-4511', 72),
  ('advisers-204-2', 60);
GRANT SELECT ON ledger_retention_floors TO PUBLIC;

-- One retention class per org and stream category: the regulation it answers to and how long
-- the category's streams keep their personal data after their last event.
CREATE TABLE ledger_retention_classes (
  org_id          text        NOT NULL,
  category        text        NOT NULL CHECK (category ~ '^[a-z][a-z0-9_]{0,39}$'),
  regulation      text        NOT NULL REFERENCES ledger_retention_floors (regulation),
  duration_months integer     NOT NULL CHECK (duration_months > 0 AND duration_months <= 1200),
  set_at          timestamptz NOT NULL,
  set_event_id    uuid        NOT NULL,
  PRIMARY KEY (org_id, category)
);

-- The floor is the database's rule, not only the code's: whoever writes, a class shorter than its
-- regulation's floor is refused.
CREATE FUNCTION ledger_retention_floor_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  floor integer;
BEGIN
  SELECT f.floor_months INTO floor FROM ledger_retention_floors f WHERE f.regulation = NEW.regulation;
  IF floor IS NOT NULL AND NEW.duration_months < floor THEN
    RAISE EXCEPTION 'ledger: retention of % months for category "%" is below the % floor of % months',
      NEW.duration_months, NEW.category, NEW.regulation, floor
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_retention_classes_floor';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_retention_classes_floor BEFORE INSERT OR UPDATE ON ledger_retention_classes
  FOR EACH ROW EXECUTE FUNCTION ledger_retention_floor_check();
CREATE TRIGGER ledger_retention_classes_no_delete BEFORE DELETE ON ledger_retention_classes
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- Legal holds: placed, then at most once released; never deleted or re-scoped.
CREATE TABLE ledger_legal_holds (
  org_id      text        NOT NULL,
  hold_id     uuid        NOT NULL,
  scope       text        NOT NULL CHECK (scope IN ('stream', 'category', 'entity', 'time-range')),
  stream_id   text,
  category    text,
  entity_id   text,
  from_at     timestamptz,
  to_at       timestamptz,
  placed_at   timestamptz NOT NULL,
  placed_by   text        NOT NULL,
  released_at timestamptz,
  released_by text,
  PRIMARY KEY (org_id, hold_id),
  CHECK ((released_at IS NULL) = (released_by IS NULL)),
  CHECK (CASE scope
    WHEN 'stream' THEN stream_id IS NOT NULL
    WHEN 'category' THEN category IS NOT NULL
    WHEN 'entity' THEN entity_id IS NOT NULL
    ELSE from_at IS NOT NULL AND to_at IS NOT NULL AND from_at < to_at
  END)
);
CREATE INDEX ledger_legal_holds_active ON ledger_legal_holds (org_id) WHERE released_at IS NULL;

CREATE FUNCTION ledger_legal_hold_release_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.released_at IS NOT NULL OR NEW.released_at IS NULL
     OR (NEW.org_id, NEW.hold_id, NEW.scope, NEW.stream_id, NEW.category, NEW.entity_id, NEW.from_at, NEW.to_at, NEW.placed_at, NEW.placed_by)
        IS DISTINCT FROM
        (OLD.org_id, OLD.hold_id, OLD.scope, OLD.stream_id, OLD.category, OLD.entity_id, OLD.from_at, OLD.to_at, OLD.placed_at, OLD.placed_by) THEN
    RAISE EXCEPTION 'ledger: a legal hold is only ever released, once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_legal_holds_release_only BEFORE UPDATE ON ledger_legal_holds
  FOR EACH ROW EXECUTE FUNCTION ledger_legal_hold_release_only();
CREATE TRIGGER ledger_legal_holds_no_delete BEFORE DELETE ON ledger_legal_holds
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_legal_holds_no_truncate BEFORE TRUNCATE ON ledger_legal_holds
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The sweeper's runs, per org: what its metrics and alerts read (the shreds themselves are events).
CREATE TABLE ledger_retention_sweeps (
  org_id      text        NOT NULL,
  sweep_id    uuid        NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  outcome     text        NOT NULL CHECK (outcome IN ('running', 'completed', 'cancelled', 'failed')),
  shredded    integer     NOT NULL DEFAULT 0,
  held        integer     NOT NULL DEFAULT 0,
  error_code  text,
  PRIMARY KEY (org_id, sweep_id)
);
CREATE INDEX ledger_retention_sweeps_latest ON ledger_retention_sweeps (org_id, started_at DESC);

GRANT SELECT, INSERT, UPDATE ON ledger_retention_classes, ledger_legal_holds TO ledger_writer, ledger_request;
GRANT SELECT, INSERT, UPDATE ON ledger_retention_sweeps TO ledger_writer;
GRANT SELECT ON ledger_retention_classes, ledger_legal_holds, ledger_retention_sweeps TO ledger_projector, ledger_request;

ALTER TABLE ledger_retention_classes ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_retention_classes FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_retention_classes_org_isolation ON ledger_retention_classes
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_retention_classes_cross_org ON ledger_retention_classes TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE ledger_legal_holds ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_legal_holds FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_legal_holds_org_isolation ON ledger_legal_holds
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_legal_holds_cross_org ON ledger_legal_holds TO ledger_cross_org
  USING (true)
  WITH CHECK (true);

ALTER TABLE ledger_retention_sweeps ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_retention_sweeps FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_retention_sweeps_org_isolation ON ledger_retention_sweeps
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
CREATE POLICY ledger_retention_sweeps_cross_org ON ledger_retention_sweeps TO ledger_cross_org
  USING (true)
  WITH CHECK (true);
