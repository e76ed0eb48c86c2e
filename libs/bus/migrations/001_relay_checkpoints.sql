-- The outbox relay's position in the ledger's global log order, one row per relay (a service's
-- relay is named after the service). Written only after the broker acknowledged every event up
-- to last_log_seq, so a relay that restarts from here re-publishes at most, never skips.
CREATE TABLE bus_relay_checkpoints (
  relay         text        PRIMARY KEY,
  -- The last log_seq handled: published if it was the relay's own category, passed over if not.
  last_log_seq  bigint      NOT NULL CHECK (last_log_seq >= -1),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
