import { join } from 'node:path';
import type { OwnedTable, ProjectionDefinition } from '@ledger/projections';
import { claimHandlers } from './claimHandlers';
import { entityHandlers } from './entityHandlers';
import { evidenceHandlers } from './evidenceHandlers';

export const CLAIMS_PROJECTION_NAME = 'claims.graph';

/** Mirrors migrations/001_claims_read_models.sql; the runner casts and checksums by these types. */
export const CLAIMS_TABLES: readonly OwnedTable[] = [
  {
    name: 'claims_documents',
    key: { document_id: 'text' },
    columns: { latest_version_id: 'text', latest_version: 'integer', tombstoned: 'boolean' },
  },
  {
    name: 'claims_spans',
    key: { span_id: 'text' },
    columns: {
      document_id: 'text',
      document_version_id: 'text',
      start_char: 'integer',
      end_char: 'integer',
      pinned_event_id: 'text',
    },
  },
  {
    name: 'claims_entities',
    key: { entity_id: 'text' },
    columns: { kind: 'text', created_event_id: 'text', created_at: 'timestamptz', revision: 'integer' },
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
      reason: 'text',
      retracted_at: 'timestamptz',
    },
  },
  {
    name: 'claims_claims',
    key: { claim_id: 'text' },
    columns: {
      subject_entity_id: 'text',
      predicate: 'text',
      object_kind: 'text',
      object_entity_id: 'text',
      asserted_event_id: 'text',
      asserted_seq: 'bigint',
      asserted_at: 'timestamptz',
      supersedes: 'text',
      status: 'text',
      superseded_by: 'text',
      reason: 'text',
      revision: 'integer',
    },
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
  },
  {
    name: 'claims_claim_history',
    key: { claim_id: 'text', org_seq: 'bigint' },
    columns: {
      event_type: 'text',
      event_id: 'text',
      actor: 'text',
      recorded_at: 'timestamptz',
      reason: 'text',
      superseded_by: 'text',
      supersedes: 'text',
    },
  },
];

/**
 * The claims service's read model: its own entities, mentions and claims, plus the evidence
 * service's documents and spans that commands check citations against and that decide whether
 * a claim's evidence is stale. Ids, offsets and event ids only: never personal data.
 */
export const claimsProjection: ProjectionDefinition = {
  name: CLAIMS_PROJECTION_NAME,
  version: 1,
  prefix: 'claims_',
  tables: CLAIMS_TABLES,
  handlers: { ...evidenceHandlers, ...entityHandlers, ...claimHandlers },
  migrations: { dir: join(__dirname, '..', '..', 'migrations'), namespace: 'claims' },
};
