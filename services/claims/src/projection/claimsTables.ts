import type { OwnedTable } from '@ledger/projections';

/**
 * The claims service's read models, declared once: the runner casts and checksums by these types
 * and the migration step creates the tables from them. Nothing personal is stored here: labels and
 * literal values stay encrypted in the ledger, and rows keep the id of the event holding them.
 * Columns that later events update partly (a revision increment, a status) are nullable or have
 * a default: PostgreSQL checks NOT NULL on the row an upsert would insert, before it finds the
 * conflict.
 */
export const CLAIMS_TABLES: readonly OwnedTable[] = [
  {
    // Which version of each document is its latest, from the evidence service's events.
    name: 'claims_documents',
    key: { document_id: 'text' },
    columns: { latest_version_id: 'text', latest_version: 'integer', tombstoned: 'boolean' },
    notNull: ['tombstoned'],
    defaults: { tombstoned: false },
  },
  {
    // Spans pinned by the evidence service: what mentions and claims may cite.
    name: 'claims_spans',
    key: { span_id: 'text' },
    columns: {
      document_id: 'text',
      document_version_id: 'text',
      start_char: 'integer',
      end_char: 'integer',
      pinned_event_id: 'text',
    },
    notNull: ['document_id', 'document_version_id', 'start_char', 'end_char', 'pinned_event_id'],
  },
  {
    name: 'claims_entities',
    key: { entity_id: 'text' },
    // created_event_id: the EntityCreated event, whose personal part holds the label.
    columns: { kind: 'text', created_event_id: 'text', created_at: 'timestamptz', revision: 'integer' },
    notNull: ['revision'],
    defaults: { revision: 0 },
  },
  {
    name: 'claims_mentions',
    key: { entity_id: 'text', mention_id: 'text' },
    columns: {
      span_id: 'text',
      document_id: 'text',
      document_version_id: 'text',
      start_char: 'integer',
      end_char: 'integer',
      added_at: 'timestamptz',
      added_seq: 'bigint',
      retracted: 'boolean',
      retracted_at: 'timestamptz',
      // The MentionRetracted event, whose reason is personal: sealed since v2, in clear in v1.
      // Last, as migration 004 adds it to tables made before.
      retracted_event_id: 'text',
    },
    notNull: ['retracted'],
    defaults: { retracted: false },
  },
  {
    name: 'claims_claims',
    key: { claim_id: 'text' },
    columns: {
      subject_entity_id: 'text',
      predicate: 'text',
      object_kind: 'text',
      object_entity_id: 'text',
      // The ClaimAsserted event, whose personal part holds a literal object's value.
      asserted_event_id: 'text',
      asserted_seq: 'bigint',
      asserted_at: 'timestamptz',
      supersedes: 'text',
      status: 'text',
      superseded_by: 'text',
      revision: 'integer',
      // The ClaimSuperseded or ClaimRetracted event, whose reason is personal. Last, as
      // migration 004 adds it to tables made before.
      ended_event_id: 'text',
    },
    notNull: ['revision'],
    defaults: { revision: 0 },
    indexes: [{ name: 'claims_claims_by_subject', columns: ['subject_entity_id', 'asserted_seq'] }],
  },
  {
    name: 'claims_citations',
    key: { claim_id: 'text', citation_index: 'integer' },
    columns: {
      span_id: 'text',
      document_id: 'text',
      document_version_id: 'text',
      start_char: 'integer',
      end_char: 'integer',
    },
    notNull: ['span_id', 'document_id', 'document_version_id', 'start_char', 'end_char'],
    indexes: [{ name: 'claims_citations_by_document', columns: ['document_id'] }],
  },
  {
    // Every event of a claim stream, in order: the history a claim is read with.
    name: 'claims_claim_history',
    key: { claim_id: 'text', org_seq: 'bigint' },
    columns: {
      event_type: 'text',
      event_id: 'text',
      actor: 'text',
      recorded_at: 'timestamptz',
      superseded_by: 'text',
      supersedes: 'text',
    },
    notNull: ['event_type', 'event_id', 'recorded_at'],
  },
];
