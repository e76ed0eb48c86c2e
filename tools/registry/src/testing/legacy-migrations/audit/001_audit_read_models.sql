-- The audit trail: one row per ledger event of an org, ids and who/when only (never payloads).
-- Like every projection table, the key starts with (org_id, generation) so that one org can be
-- rebuilt beside its live rows.
CREATE TABLE audit_trail (
  org_id         text        NOT NULL,
  generation     bigint      NOT NULL,
  org_seq        bigint      NOT NULL,
  event_id       text        NOT NULL,
  stream_id      text        NOT NULL,
  category       text        NOT NULL,
  type           text        NOT NULL,
  actor          text        NOT NULL,
  correlation_id text,
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (org_id, generation, org_seq)
);

-- Each filter pages in org_seq order, so each index ends with org_seq.
CREATE INDEX audit_trail_by_actor ON audit_trail (org_id, generation, actor, org_seq);
CREATE INDEX audit_trail_by_stream ON audit_trail (org_id, generation, stream_id, org_seq);
CREATE INDEX audit_trail_by_category ON audit_trail (org_id, generation, category, org_seq);
CREATE INDEX audit_trail_by_type ON audit_trail (org_id, generation, type, org_seq);
CREATE INDEX audit_trail_by_time ON audit_trail (org_id, generation, recorded_at);
