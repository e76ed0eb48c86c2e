import { join } from 'node:path';
import { streamCategory } from '@ledger/ledger';
import {
  IGNORED,
  projectionHandlers,
  type ProjectionDefinition,
  type ProjectionHandler,
  type ServiceHandlers,
} from '@ledger/projections';
import type { EvidenceFollows } from '../evidence.descriptor';
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
import { EVIDENCE_TABLES } from './evidenceTables';

export const EVIDENCE_PROJECTION_NAME = 'evidence.read_models';

/** An event type counts only from the stream category that owns it, whoever else might reuse the name. */
function from(category: string, handler: ProjectionHandler): ProjectionHandler {
  return (event, tx) => (streamCategory(event.streamId) === category ? handler(event, tx) : undefined);
}

/** Every claims and meeting-prep type evidence follows is named here, handled or ignored. */
export const evidenceHandlers = {
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
  // Evidence.List indexes what a brief cites, which viewing it does not change.
  BriefViewed: IGNORED,
} satisfies ServiceHandlers<EvidenceFollows, 'evidence'>;

/**
 * The evidence service's read models in one projection (one generation, rebuilt together):
 * provider accounts, documents and versions, threads, spans, and Evidence.List's items, which
 * fold the claims and meeting-prep services' events too. Tables: evidenceTables.ts.
 */
export const evidenceProjection: ProjectionDefinition = {
  name: EVIDENCE_PROJECTION_NAME,
  // 2: provider account rows keep the registration's event id instead of the label.
  version: 2,
  prefix: 'evidence_',
  tables: EVIDENCE_TABLES,
  handlers: projectionHandlers(evidenceHandlers),
  migrations: { dir: join(__dirname, '..', '..', 'migrations'), namespace: 'evidence' },
};
