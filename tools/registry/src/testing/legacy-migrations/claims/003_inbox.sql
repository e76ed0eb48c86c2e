-- Multi-node: the events this service applied from other services' topics, one row per event id,
-- written in the same transaction as the effect, so a redelivered message has no second effect
-- (libs/bus IdempotentConsumer; the columns are those of its inboxTableSql).
CREATE TABLE claims_inbox (
  event_id uuid PRIMARY KEY,
  topic text NOT NULL,
  partition integer NOT NULL,
  "offset" bigint NOT NULL,
  org_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claims_inbox_org ON claims_inbox (org_id, received_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON claims_inbox TO svc_claims;
