-- Read models of the claims service. Every table starts its key with (org_id, generation) so
-- one org can be rebuilt beside its live rows. Nothing personal is stored here: labels and
-- literal values stay encrypted in the ledger, and rows keep the id of the event holding them.
-- Columns that later events update partly (a revision increment, a status) are nullable:
-- PostgreSQL checks NOT NULL on the row an upsert would insert, before it finds the conflict.

-- Which version of each document is its latest, from the evidence service's events.
CREATE TABLE claims_documents (
  org_id            text    NOT NULL,
  generation        bigint  NOT NULL,
  document_id       text    NOT NULL,
  latest_version_id text,
  latest_version    integer,
  tombstoned        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, generation, document_id)
);

-- Spans pinned by the evidence service: what mentions and claims may cite.
CREATE TABLE claims_spans (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  span_id             text    NOT NULL,
  document_id         text    NOT NULL,
  document_version_id text    NOT NULL,
  start_char          integer NOT NULL,
  end_char            integer NOT NULL,
  pinned_event_id     text    NOT NULL,
  PRIMARY KEY (org_id, generation, span_id)
);

CREATE TABLE claims_entities (
  org_id           text        NOT NULL,
  generation       bigint      NOT NULL,
  entity_id        text        NOT NULL,
  kind             text,
  -- The EntityCreated event, whose personal part holds the label.
  created_event_id text,
  created_at       timestamptz,
  revision         integer     NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, generation, entity_id)
);

CREATE TABLE claims_mentions (
  org_id              text        NOT NULL,
  generation          bigint      NOT NULL,
  entity_id           text        NOT NULL,
  mention_id          text        NOT NULL,
  span_id             text,
  document_id         text,
  document_version_id text,
  start_char          integer,
  end_char            integer,
  added_at            timestamptz,
  added_seq           bigint,
  retracted           boolean     NOT NULL DEFAULT false,
  reason              text,
  retracted_at        timestamptz,
  PRIMARY KEY (org_id, generation, entity_id, mention_id)
);

CREATE TABLE claims_claims (
  org_id            text        NOT NULL,
  generation        bigint      NOT NULL,
  claim_id          text        NOT NULL,
  subject_entity_id text,
  predicate         text,
  object_kind       text,
  object_entity_id  text,
  -- The ClaimAsserted event, whose personal part holds a literal object's value.
  asserted_event_id text,
  asserted_seq      bigint,
  asserted_at       timestamptz,
  supersedes        text,
  status            text,
  superseded_by     text,
  reason            text,
  revision          integer     NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, generation, claim_id)
);
CREATE INDEX claims_claims_by_subject ON claims_claims (org_id, generation, subject_entity_id, asserted_seq);

CREATE TABLE claims_citations (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  claim_id            text    NOT NULL,
  citation_index      integer NOT NULL,
  span_id             text    NOT NULL,
  document_id         text    NOT NULL,
  document_version_id text    NOT NULL,
  start_char          integer NOT NULL,
  end_char            integer NOT NULL,
  PRIMARY KEY (org_id, generation, claim_id, citation_index)
);
CREATE INDEX claims_citations_by_document ON claims_citations (org_id, generation, document_id);

-- Every event of a claim stream, in order: the history a claim is read with.
CREATE TABLE claims_claim_history (
  org_id        text        NOT NULL,
  generation    bigint      NOT NULL,
  claim_id      text        NOT NULL,
  org_seq       bigint      NOT NULL,
  event_type    text        NOT NULL,
  event_id      text        NOT NULL,
  actor         text,
  recorded_at   timestamptz NOT NULL,
  reason        text,
  superseded_by text,
  supersedes    text,
  PRIMARY KEY (org_id, generation, claim_id, org_seq)
);
