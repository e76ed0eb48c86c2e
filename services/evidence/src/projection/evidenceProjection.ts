import { join } from 'node:path';
import { streamCategory } from '@ledger/ledger';
import type { ProjectionDefinition, ProjectionHandler } from '@ledger/projections';
import { onProviderAccountRegistered, onProviderAccountStatusChanged } from './accountHandlers';
import { onDocumentResurrected, onDocumentTombstoned, onDocumentVersion, onSpanPinned } from './documentHandlers';
import {
  onBriefComposed,
  onClaimAsserted,
  onClaimEnded,
  onEntityCreated,
  onMentionAdded,
  onMentionRetracted,
} from './evidenceItemHandlers';

export const EVIDENCE_PROJECTION_NAME = 'evidence.read_models';

/** An event type counts only from the stream category that owns it, whoever else might reuse the name. */
function from(category: string, handler: ProjectionHandler): ProjectionHandler {
  return (event, tx) => (streamCategory(event.streamId) === category ? handler(event, tx) : undefined);
}

/**
 * The evidence service's read models in one projection (one generation, rebuilt together):
 * provider accounts, documents and versions, threads, spans, and Evidence.List's items, which
 * fold the claims and meeting-prep services' events too. Tables: migrations/001_*.sql.
 */
export const evidenceProjection: ProjectionDefinition = {
  name: EVIDENCE_PROJECTION_NAME,
  version: 1,
  prefix: 'evidence_',
  tables: [
    {
      name: 'evidence_provider_accounts',
      key: { account_id: 'text' },
      columns: { provider: 'text', label: 'text', status: 'text', registered_seq: 'bigint' },
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
        event_id: 'text',
      },
    },
    { name: 'evidence_threads', key: { thread_id: 'text' }, columns: { message_count: 'integer' } },
    {
      name: 'evidence_thread_messages',
      key: { thread_id: 'text', document_id: 'text' },
      columns: {
        message_id: 'text',
        provider_account_id: 'text',
        internal_date: 'bigint',
        ingest_seq: 'integer',
        document_version_id: 'text',
        version_event_id: 'text',
        tombstoned: 'boolean',
      },
    },
    {
      name: 'evidence_spans',
      key: { span_id: 'text' },
      columns: {
        document_id: 'text',
        document_version_id: 'text',
        start_char: 'integer',
        end_char: 'integer',
        event_id: 'text',
        pinned_seq: 'bigint',
      },
    },
    {
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
        active: 'boolean',
      },
    },
    {
      name: 'evidence_known_refs',
      key: { ref_kind: 'text', ref_id: 'text' },
      columns: { org_seq: 'bigint' },
    },
  ],
  handlers: {
    ProviderAccountRegistered: from('evidenceaccount', onProviderAccountRegistered),
    ProviderAccountStatusChanged: from('evidenceaccount', onProviderAccountStatusChanged),
    DocumentIngested: from('evidence', onDocumentVersion),
    DocumentVersionAdded: from('evidence', onDocumentVersion),
    DocumentTombstoned: from('evidence', onDocumentTombstoned),
    DocumentResurrected: from('evidence', onDocumentResurrected),
    SpanPinned: from('evidence', onSpanPinned),
    EntityCreated: from('entity', onEntityCreated),
    MentionAdded: from('entity', onMentionAdded),
    MentionRetracted: from('entity', onMentionRetracted),
    ClaimAsserted: from('claim', onClaimAsserted),
    ClaimSuperseded: from('claim', onClaimEnded),
    ClaimRetracted: from('claim', onClaimEnded),
    BriefComposed: from('brief', onBriefComposed),
  },
  migrations: { dir: join(__dirname, '..', '..', 'migrations'), namespace: 'evidence' },
};
