import type { OwnedTable } from '@ledger/projections';

/**
 * The evidence service's read models, declared once: the runner casts and checksums by these
 * types and the migration step creates the tables from them. No personal data: rows hold ids,
 * offsets and the id of the ledger event whose encrypted part carries the text.
 */
export const EVIDENCE_TABLES: readonly OwnedTable[] = [
  {
    name: 'evidence_provider_accounts',
    key: { account_id: 'text' },
    // registered_event_id: the registration, whose sealed part holds the label. Last and
    // nullable, as the column migration 004 adds to tables made before has it.
    columns: { provider: 'text', status: 'text', registered_seq: 'bigint', registered_event_id: 'text' },
    notNull: ['provider', 'status', 'registered_seq'],
  },
  {
    name: 'evidence_documents',
    key: { document_id: 'text' },
    columns: {
      provider_account_id: 'text',
      message_id: 'text',
      thread_id: 'text',
      latest_version: 'integer',
      latest_version_id: 'text',
      tombstoned: 'boolean',
    },
    notNull: ['provider_account_id', 'message_id', 'thread_id', 'latest_version', 'latest_version_id', 'tombstoned'],
    defaults: { tombstoned: false },
  },
  {
    name: 'evidence_document_versions',
    key: { document_version_id: 'text' },
    columns: {
      document_id: 'text',
      version: 'integer',
      source_hash: 'text',
      internal_date: 'bigint',
      content_length: 'integer',
      // The DocumentIngested / DocumentVersionAdded event holding title, content and addresses.
      event_id: 'text',
    },
    notNull: ['document_id', 'version', 'source_hash', 'internal_date', 'content_length', 'event_id'],
    indexes: [{ name: 'evidence_document_versions_by_document', columns: ['document_id', 'version'] }],
  },
  {
    name: 'evidence_threads',
    key: { thread_id: 'text' },
    // The last ingestSeq handed out in this thread; numbers are never reused or renumbered.
    columns: { message_count: 'integer' },
    notNull: ['message_count'],
    defaults: { message_count: 0 },
  },
  {
    name: 'evidence_thread_messages',
    key: { thread_id: 'text', document_id: 'text' },
    columns: {
      message_id: 'text',
      provider_account_id: 'text',
      internal_date: 'bigint',
      ingest_seq: 'integer',
      document_version_id: 'text',
      // The latest version's event: its encrypted part holds from, to and cc.
      version_event_id: 'text',
      tombstoned: 'boolean',
    },
    notNull: [
      'message_id',
      'provider_account_id',
      'internal_date',
      'ingest_seq',
      'document_version_id',
      'version_event_id',
      'tombstoned',
    ],
    defaults: { tombstoned: false },
    indexes: [{ name: 'evidence_thread_messages_by_document', columns: ['document_id'] }],
  },
  {
    name: 'evidence_spans',
    key: { span_id: 'text' },
    columns: {
      document_id: 'text',
      document_version_id: 'text',
      start_char: 'integer',
      end_char: 'integer',
      // The SpanPinned event holding the span's text.
      event_id: 'text',
      pinned_seq: 'bigint',
    },
    notNull: ['document_id', 'document_version_id', 'start_char', 'end_char', 'event_id', 'pinned_seq'],
    indexes: [{ name: 'evidence_spans_by_document', columns: ['document_id', 'pinned_seq'] }],
  },
  {
    // Evidence.List: one row per (source, cited span), from mentions, claims and brief bullets.
    // (org_seq, ordinal) is the list order and the cursor: unique per org and stable across
    // rebuilds, so each filter's index ends with it.
    name: 'evidence_items',
    key: { item_id: 'text' },
    columns: {
      kind: 'text',
      org_seq: 'bigint',
      ordinal: 'integer',
      document_id: 'text',
      document_version_id: 'text',
      start_char: 'integer',
      end_char: 'integer',
      span_id: 'text',
      mention_id: 'text',
      claim_id: 'text',
      bullet_id: 'text',
      entity_id: 'text',
      object_entity_id: 'text',
      // False once the mention is retracted or the claim superseded or retracted.
      active: 'boolean',
    },
    notNull: ['kind', 'org_seq', 'ordinal', 'document_id', 'document_version_id', 'start_char', 'end_char', 'active'],
    defaults: { active: true },
    indexes: [
      { name: 'evidence_items_by_entity', columns: ['entity_id', 'org_seq', 'ordinal'] },
      { name: 'evidence_items_by_object', columns: ['object_entity_id', 'org_seq', 'ordinal'] },
      { name: 'evidence_items_by_claim', columns: ['claim_id', 'org_seq', 'ordinal'] },
      { name: 'evidence_items_by_bullet', columns: ['bullet_id', 'org_seq', 'ordinal'] },
      { name: 'evidence_items_by_document', columns: ['document_id', 'org_seq', 'ordinal'] },
    ],
  },
  {
    // Ids Evidence.List may be filtered by that other services own (entity, claim, bullet): an id
    // listed here exists in this org, so an unknown one is a 404 rather than an empty page.
    name: 'evidence_known_refs',
    key: { ref_kind: 'text', ref_id: 'text' },
    columns: { org_seq: 'bigint' },
    notNull: ['org_seq'],
  },
];
