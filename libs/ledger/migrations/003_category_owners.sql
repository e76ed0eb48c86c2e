-- Which database role may append to which stream category (the part of stream_id before the
-- first '-'). Each service's migration creates its role and lists its categories here, so in
-- multi-node a service appends only to its own streams whatever its code does.
CREATE TABLE ledger_category_owners (
  category   text PRIMARY KEY,
  owner_role text NOT NULL
);

-- Every inserting role reads this table inside the trigger below; the list is not secret, and
-- only migrations (the table's owner) may change it.
GRANT SELECT ON ledger_category_owners TO PUBLIC;

-- A role is restricted when it owns a category itself, or inherits the privileges of a role that
-- does (a login role granted svc_claims writes with svc_claims' rights, so it gets its limits
-- too). Roles that own nothing (ledger_writer in single-node) and superusers are unaffected.
-- Not SECURITY DEFINER: that would make current_user the function's owner. A role listed here
-- cannot be dropped while it holds its grants, so pg_has_role always finds it.
-- Checked once per statement over the rows it inserted (an append is one statement): a row-level
-- trigger ran the lookup per event, which measured about as costly as the insert itself.
CREATE FUNCTION ledger_check_category_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  refused record;
BEGIN
  -- is_superuser follows SET ROLE and cannot be set by a session.
  IF current_setting('is_superuser') = 'on'
     OR NOT EXISTS (SELECT 1 FROM ledger_category_owners o WHERE pg_has_role(o.owner_role, 'USAGE')) THEN
    RETURN NULL;
  END IF;
  SELECT a.stream_id, split_part(a.stream_id, '-', 1) AS category
    INTO refused
    FROM appended a
   WHERE NOT EXISTS (SELECT 1 FROM ledger_category_owners o
                      WHERE o.category = split_part(a.stream_id, '-', 1) AND pg_has_role(o.owner_role, 'USAGE'))
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger: role % may not append to stream category "%" (stream %): it is not one of its categories',
      current_user, refused.category, refused.stream_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_events_category_owner AFTER INSERT ON ledger_events
  REFERENCING NEW TABLE AS appended
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_category_owner();
