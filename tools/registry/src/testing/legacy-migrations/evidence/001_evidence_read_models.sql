-- Read models of the evidence service. Every table starts its key with (org_id, generation) so
-- one org can be rebuilt beside its live rows. No personal data: rows hold ids, offsets and the
-- id of the ledger event whose encrypted part carries the text.

CREATE TABLE evidence_provider_accounts (
  org_id         text    NOT NULL,
  generation     bigint  NOT NULL,
  account_id     text    NOT NULL,
  provider       text    NOT NULL,
  label          text    NOT NULL,
  status         text    NOT NULL,
  registered_seq bigint  NOT NULL,
  PRIMARY KEY (org_id, generation, account_id)
);

CREATE TABLE evidence_documents (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  document_id         text    NOT NULL,
  provider_account_id text    NOT NULL,
  message_id          text    NOT NULL,
  thread_id           text    NOT NULL,
  latest_version      integer NOT NULL,
  latest_version_id   text    NOT NULL,
  tombstoned          boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, generation, document_id)
);

CREATE TABLE evidence_document_versions (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  document_version_id text    NOT NULL,
  document_id         text    NOT NULL,
  version             integer NOT NULL,
  source_hash         text    NOT NULL,
  internal_date       bigint  NOT NULL,
  content_length      integer NOT NULL,
  -- The DocumentIngested / DocumentVersionAdded event holding title, content and addresses.
  event_id            text    NOT NULL,
  PRIMARY KEY (org_id, generation, document_version_id)
);
CREATE INDEX evidence_document_versions_by_document
  ON evidence_document_versions (org_id, generation, document_id, version);

CREATE TABLE evidence_threads (
  org_id        text    NOT NULL,
  generation    bigint  NOT NULL,
  thread_id     text    NOT NULL,
  -- The last ingestSeq handed out in this thread; numbers are never reused or renumbered.
  message_count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, generation, thread_id)
);

CREATE TABLE evidence_thread_messages (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  thread_id           text    NOT NULL,
  document_id         text    NOT NULL,
  message_id          text    NOT NULL,
  provider_account_id text    NOT NULL,
  internal_date       bigint  NOT NULL,
  ingest_seq          integer NOT NULL,
  document_version_id text    NOT NULL,
  -- The latest version's event: its encrypted part holds from, to and cc.
  version_event_id    text    NOT NULL,
  tombstoned          boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, generation, thread_id, document_id)
);
CREATE INDEX evidence_thread_messages_by_document
  ON evidence_thread_messages (org_id, generation, document_id);

CREATE TABLE evidence_spans (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  span_id             text    NOT NULL,
  document_id         text    NOT NULL,
  document_version_id text    NOT NULL,
  start_char          integer NOT NULL,
  end_char            integer NOT NULL,
  -- The SpanPinned event holding the span's text.
  event_id            text    NOT NULL,
  pinned_seq          bigint  NOT NULL,
  PRIMARY KEY (org_id, generation, span_id)
);
CREATE INDEX evidence_spans_by_document ON evidence_spans (org_id, generation, document_id, pinned_seq);

-- Evidence.List: one row per (source, cited span), from mentions, claims and brief bullets.
-- (org_seq, ordinal) is the list order and the cursor: unique per org and stable across rebuilds.
CREATE TABLE evidence_items (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  item_id             text    NOT NULL,
  kind                text    NOT NULL,
  org_seq             bigint  NOT NULL,
  ordinal             integer NOT NULL,
  document_id         text    NOT NULL,
  document_version_id text    NOT NULL,
  start_char          integer NOT NULL,
  end_char            integer NOT NULL,
  span_id             text,
  mention_id          text,
  claim_id            text,
  bullet_id           text,
  entity_id           text,
  object_entity_id    text,
  -- False once the mention is retracted or the claim superseded or retracted.
  active              boolean NOT NULL DEFAULT true,
  PRIMARY KEY (org_id, generation, item_id)
);
CREATE INDEX evidence_items_by_entity ON evidence_items (org_id, generation, entity_id, org_seq, ordinal);
CREATE INDEX evidence_items_by_object ON evidence_items (org_id, generation, object_entity_id, org_seq, ordinal);
CREATE INDEX evidence_items_by_claim ON evidence_items (org_id, generation, claim_id, org_seq, ordinal);
CREATE INDEX evidence_items_by_bullet ON evidence_items (org_id, generation, bullet_id, org_seq, ordinal);
CREATE INDEX evidence_items_by_document ON evidence_items (org_id, generation, document_id, org_seq, ordinal);

-- Ids Evidence.List may be filtered by that other services own (entity, claim, bullet): an id
-- listed here exists in this org, so an unknown one is a 404 rather than an empty page.
CREATE TABLE evidence_known_refs (
  org_id     text   NOT NULL,
  generation bigint NOT NULL,
  ref_kind   text   NOT NULL,
  ref_id     text   NOT NULL,
  org_seq    bigint NOT NULL,
  PRIMARY KEY (org_id, generation, ref_kind, ref_id)
);
