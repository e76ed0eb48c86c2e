-- The toy service's read model: its own notes, and the documents it learnt of from evidence.
CREATE TABLE toy_notes (
  org_id     text   NOT NULL,
  generation bigint NOT NULL,
  note_id    text   NOT NULL,
  org_seq    bigint NOT NULL,
  PRIMARY KEY (org_id, generation, note_id)
);

CREATE TABLE toy_documents (
  org_id      text   NOT NULL,
  generation  bigint NOT NULL,
  document_id text   NOT NULL,
  org_seq     bigint NOT NULL,
  PRIMARY KEY (org_id, generation, document_id)
);
