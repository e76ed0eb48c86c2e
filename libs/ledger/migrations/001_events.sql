-- The append-only event table. Appends carry only their identity and their transaction id;
-- the sequencer later assigns the dense per-org order (ledger_log) from committed rows.
CREATE TABLE ledger_events (
  position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  org_id          text        NOT NULL,
  stream_id       text        NOT NULL,
  stream_revision bigint      NOT NULL CHECK (stream_revision >= 0),
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  actor           text        NOT NULL,
  recorded_at     timestamptz NOT NULL,
  -- The exact RFC 8785 text that leaf_hash covers: hash what you store, store what you hash.
  canonical       text        NOT NULL,
  leaf_hash       bytea       NOT NULL CHECK (octet_length(leaf_hash) = 32),
  -- Identity of the content for idempotent retries (see contracts/ledger-event.md).
  content_digest  bytea       NOT NULL,
  CONSTRAINT ledger_events_event_id_key UNIQUE (event_id),
  CONSTRAINT ledger_events_stream_revision_key UNIQUE (org_id, stream_id, stream_revision)
);

-- The sequencer's order and cursor: (transaction id, position), the same key for both.
CREATE INDEX ledger_events_commit_order ON ledger_events (tx_id, position);

-- Dense commit-safe order: log_seq across all orgs, org_seq within one org. No foreign key to
-- ledger_events: its check would lock each event row (a write to the immutable table) and it
-- adds nothing, since only the sequencer inserts here, from rows it has just read.
CREATE TABLE ledger_log (
  log_seq   bigint PRIMARY KEY,
  org_id    text   NOT NULL,
  org_seq   bigint NOT NULL,
  position  bigint NOT NULL,
  CONSTRAINT ledger_log_org_seq_key UNIQUE (org_id, org_seq),
  CONSTRAINT ledger_log_position_key UNIQUE (position)
);

CREATE TABLE ledger_org_heads (
  org_id      text PRIMARY KEY,
  next_seq    bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_sequencer_cursor (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_tx_id    xid8   NOT NULL,
  last_position bigint NOT NULL,
  next_log_seq  bigint NOT NULL
);
INSERT INTO ledger_sequencer_cursor (last_tx_id, last_position, next_log_seq) VALUES ('0'::xid8, 0, 0);

-- Per-stream data keys for personal payloads; destroying one (wrapped_key NULL) crypto-shreds
-- the stream's personal data while its ciphertext, hashes and proofs stay intact.
CREATE TABLE ledger_stream_keys (
  org_id        text NOT NULL,
  stream_id     text NOT NULL,
  master_key_id text NOT NULL,
  wrapped_key   bytea,
  created_at    timestamptz NOT NULL DEFAULT now(),
  shredded_at   timestamptz,
  PRIMARY KEY (org_id, stream_id),
  CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
);

-- Immutability at the storage level: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger: % on % is not allowed; the ledger is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER ledger_events_immutable_rows BEFORE UPDATE OR DELETE ON ledger_events
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_events_immutable_table BEFORE TRUNCATE ON ledger_events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_log_immutable_rows BEFORE UPDATE OR DELETE ON ledger_log
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_log_immutable_table BEFORE TRUNCATE ON ledger_log
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The application's role: append and read events; the sequencer's own tables; shredding keys.
DO $$
BEGIN
  CREATE ROLE ledger_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
GRANT SELECT, INSERT ON ledger_events, ledger_log TO ledger_writer;
GRANT SELECT, INSERT, UPDATE ON ledger_org_heads, ledger_sequencer_cursor, ledger_stream_keys TO ledger_writer;
