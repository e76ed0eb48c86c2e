-- Runner bookkeeping. Projection rows live in each projection's own tables, keyed by
-- (org_id, generation, ...): a rebuild writes a new generation beside the live one.

-- Which generation of (projection, org) serves reads, and whether it is projecting.
CREATE TABLE projection_state (
  projection        text        NOT NULL,
  org_id            text        NOT NULL,
  active_generation bigint      NOT NULL,
  -- The projection version whose code built the active generation.
  version           integer     NOT NULL,
  status            text        NOT NULL CHECK (status IN ('running', 'failed')),
  failed_seq        bigint,
  failed_event_id   uuid,
  failed_event_type text,
  -- Error class and code only: messages can quote payloads, so they are never stored.
  failed_error      text,
  failed_at         timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, org_id)
);

-- The last per-org sequence applied to a generation; written in the transaction of its rows.
CREATE TABLE projection_checkpoints (
  projection  text        NOT NULL,
  org_id      text        NOT NULL,
  generation  bigint      NOT NULL,
  last_seq    bigint      NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, org_id, generation)
);

-- History and progress of rebuilds, for status and for the post-incident record.
CREATE TABLE projection_rebuilds (
  projection     text        NOT NULL,
  org_id         text        NOT NULL,
  generation     bigint      NOT NULL,
  version        integer     NOT NULL,
  dry_run        boolean     NOT NULL,
  status         text        NOT NULL CHECK (status IN ('building', 'switched', 'compared', 'cancelled', 'failed')),
  events_done    bigint      NOT NULL DEFAULT 0,
  events_total   bigint      NOT NULL DEFAULT 0,
  comparison     jsonb,
  actor          text        NOT NULL,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  PRIMARY KEY (projection, org_id, generation, started_at)
);
