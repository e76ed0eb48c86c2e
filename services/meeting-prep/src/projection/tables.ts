import type { OwnedTable } from '@ledger/projections';

/** The projection's name and tables; queries and handlers name them from here. */
export const MEETING_PREP_PROJECTION = 'meeting_prep.sources';

export const ENTITIES = 'meeting_prep_entities';
export const MENTIONS = 'meeting_prep_mentions';
export const CLAIMS = 'meeting_prep_claims';
export const DOCUMENTS = 'meeting_prep_documents';
export const BRIEFS = 'meeting_prep_briefs';

/** Claim statuses as the claims table stores them. */
export type ClaimStatus = 'current' | 'superseded' | 'retracted';

/**
 * The read models, declared once: the runner casts and checksums by these types and the migration
 * step creates the tables from them. No personal text is stored here: each row keeps the id of the
 * ledger event that holds it, and queries decrypt it with ledger.readEvents. Rows are filled in
 * parts by events of several services, so most columns are nullable.
 */
export const MEETING_PREP_TABLES: readonly OwnedTable[] = [
  // label_event_id: the EntityCreated event whose personal part holds the label.
  { name: ENTITIES, key: { entity_id: 'text' }, columns: { kind: 'text', label_event_id: 'text' } },
  {
    name: MENTIONS,
    key: { entity_id: 'text', mention_id: 'text' },
    columns: {
      span_id: 'text',
      document_id: 'text',
      document_version_id: 'text',
      start_char: 'integer',
      end_char: 'integer',
      retracted: 'boolean',
    },
    notNull: ['retracted'],
    defaults: { retracted: false },
  },
  {
    name: CLAIMS,
    key: { claim_id: 'text' },
    columns: {
      subject_entity_id: 'text',
      predicate: 'text',
      object_kind: 'text',
      object_entity_id: 'text',
      // The pinned spans the claim cites: [{spanId, documentId, documentVersionId, startChar, endChar}].
      citations: 'jsonb',
      status: 'text',
      // The ClaimAsserted event; for a literal object its personal part holds the value.
      asserted_event_id: 'text',
      // Events of the claim's stream seen so far; its stream revision is events - 1.
      events: 'bigint',
    },
    notNull: ['events'],
    defaults: { events: 0 },
    // A brief is composed from current claims only, so only those are indexed.
    indexes: [
      { name: 'meeting_prep_claims_subject', columns: ['subject_entity_id'], where: "status = 'current'" },
      { name: 'meeting_prep_claims_object', columns: ['object_entity_id', 'predicate'], where: "status = 'current'" },
    ],
  },
  {
    // One row per document (one email message): its latest version, which is what thread
    // messages show and what staleness is judged against.
    name: DOCUMENTS,
    key: { document_id: 'text' },
    columns: {
      provider_account_id: 'text',
      message_id: 'text',
      thread_id: 'text',
      latest_version_id: 'text',
      latest_version: 'integer',
      // Gmail internalDate of the latest version, ms since the epoch.
      internal_date: 'bigint',
      // The DocumentIngested / DocumentVersionAdded event whose personal part holds from/to/cc/content.
      version_event_id: 'text',
      tombstoned: 'boolean',
    },
    notNull: ['tombstoned'],
    defaults: { tombstoned: false },
    indexes: [
      { name: 'meeting_prep_documents_date', columns: ['internal_date'] },
      { name: 'meeting_prep_documents_thread', columns: ['thread_id'] },
    ],
  },
  {
    name: BRIEFS,
    key: { brief_id: 'text' },
    columns: {
      subject_kind: 'text',
      subject_entity_id: 'text',
      meeting_date: 'text',
      content_hash: 'text',
      // The BriefComposed event: the brief itself, with its texts in the personal part.
      event_id: 'text',
      composed_at: 'timestamptz',
      bullets: 'integer',
    },
    indexes: [{ name: 'meeting_prep_briefs_subject', columns: ['subject_entity_id', 'meeting_date'] }],
  },
];
