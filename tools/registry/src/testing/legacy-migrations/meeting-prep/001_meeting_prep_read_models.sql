-- Read models of the meeting-prep service: what a brief is composed from (entities, mentions,
-- current claims and thread messages, projected from the claims and evidence events) and the
-- index of composed briefs. No personal text is stored here: each row keeps the id of the
-- ledger event that holds it, and queries decrypt it with ledger.readEvents.
-- Every table starts its key with (org_id, generation) so one org can be rebuilt beside its live rows.

CREATE TABLE meeting_prep_entities (
  org_id         text   NOT NULL,
  generation     bigint NOT NULL,
  entity_id      text   NOT NULL,
  kind           text,
  -- The EntityCreated event whose personal part holds the label.
  label_event_id text,
  PRIMARY KEY (org_id, generation, entity_id)
);

CREATE TABLE meeting_prep_mentions (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  entity_id           text    NOT NULL,
  mention_id          text    NOT NULL,
  span_id             text,
  document_id         text,
  document_version_id text,
  start_char          integer,
  end_char            integer,
  retracted           boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, generation, entity_id, mention_id)
);

CREATE TABLE meeting_prep_claims (
  org_id            text   NOT NULL,
  generation        bigint NOT NULL,
  claim_id          text   NOT NULL,
  subject_entity_id text,
  predicate         text,
  object_kind       text,
  object_entity_id  text,
  -- The pinned spans the claim cites: [{spanId, documentId, documentVersionId, startChar, endChar}].
  citations         jsonb,
  -- current | superseded | retracted
  status            text,
  -- The ClaimAsserted event; for a literal object its personal part holds the value.
  asserted_event_id text,
  -- Events of the claim's stream seen so far; its stream revision is events - 1.
  events            bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, generation, claim_id)
);
CREATE INDEX meeting_prep_claims_subject ON meeting_prep_claims (org_id, generation, subject_entity_id)
  WHERE status = 'current';
CREATE INDEX meeting_prep_claims_object ON meeting_prep_claims (org_id, generation, object_entity_id, predicate)
  WHERE status = 'current';

-- One row per document (one email message): its latest version, which is what thread messages
-- show and what staleness is judged against.
CREATE TABLE meeting_prep_documents (
  org_id              text    NOT NULL,
  generation          bigint  NOT NULL,
  document_id         text    NOT NULL,
  provider_account_id text,
  message_id          text,
  thread_id           text,
  latest_version_id   text,
  latest_version      integer,
  -- Gmail internalDate of the latest version, ms since the epoch.
  internal_date       bigint,
  -- The DocumentIngested / DocumentVersionAdded event whose personal part holds from/to/cc/content.
  version_event_id    text,
  tombstoned          boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, generation, document_id)
);
CREATE INDEX meeting_prep_documents_date ON meeting_prep_documents (org_id, generation, internal_date);
CREATE INDEX meeting_prep_documents_thread ON meeting_prep_documents (org_id, generation, thread_id);

CREATE TABLE meeting_prep_briefs (
  org_id            text        NOT NULL,
  generation        bigint      NOT NULL,
  brief_id          text        NOT NULL,
  subject_kind      text,
  subject_entity_id text,
  meeting_date      text,
  content_hash      text,
  -- The BriefComposed event: the brief itself, with its texts in the personal part.
  event_id          text,
  composed_at       timestamptz,
  bullets           integer,
  PRIMARY KEY (org_id, generation, brief_id)
);
CREATE INDEX meeting_prep_briefs_subject ON meeting_prep_briefs (org_id, generation, subject_entity_id, meeting_date);
