-- Tables of the example projection. Every projection table starts its key with
-- (org_id, generation) so that one org can be rebuilt beside its live rows.
CREATE TABLE demo_accounts (
  org_id     text    NOT NULL,
  generation bigint  NOT NULL,
  account_id text    NOT NULL,
  product    text,
  status     text,
  balance    bigint  NOT NULL DEFAULT 0,
  movements  bigint  NOT NULL DEFAULT 0,
  last_seq   bigint  NOT NULL DEFAULT -1,
  PRIMARY KEY (org_id, generation, account_id)
);

CREATE TABLE demo_daily_flows (
  org_id     text   NOT NULL,
  generation bigint NOT NULL,
  account_id text   NOT NULL,
  day        date   NOT NULL,
  inflow     bigint NOT NULL DEFAULT 0,
  outflow    bigint NOT NULL DEFAULT 0,
  movements  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, generation, account_id, day)
);

CREATE TABLE demo_org_totals (
  org_id        text   NOT NULL,
  generation    bigint NOT NULL,
  scope         text   NOT NULL,
  open_accounts bigint NOT NULL DEFAULT 0,
  total_balance bigint NOT NULL DEFAULT 0,
  movements     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, generation, scope)
);
