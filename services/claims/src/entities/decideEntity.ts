import { claimsError } from '../claimsError';
import type { ClaimsConfig } from '../config/claimsConfig';
import { resolveSpan, type SpanLookup } from '../spans/spanReference';
import { MAX_LABEL_LENGTH, requireId, requireReason, requireText } from '../validation';
import {
  ENTITY_CREATED,
  MENTION_ADDED,
  MENTION_RETRACTED,
  MENTION_RETRACTED_VERSION,
  type EntityEvent,
} from './entityEvents';
import type { EntityState } from './entityState';

export interface CreateEntity {
  entityId: string;
  kind: string;
  label: string;
}

export function decideCreateEntity(state: EntityState, command: CreateEntity, config: ClaimsConfig): EntityEvent[] {
  const entityId = requireId('entityId', command.entityId);
  if (!config.entityKinds.includes(command.kind)) {
    throw claimsError('CLAIMS.UNKNOWN_ENTITY_KIND', 'kind', `must be one of ${config.entityKinds.join(', ')}`);
  }
  const label = requireText('label', command.label, MAX_LABEL_LENGTH);
  if (state.exists) throw claimsError('CLAIMS.ENTITY_EXISTS', 'entityId', 'must name a new entity', { entityId });
  return [{ type: ENTITY_CREATED, data: { entityId, kind: command.kind }, personal: { label } }];
}

export interface AddMention {
  orgId: string;
  entityId: string;
  mentionId: string;
  spanId: string;
}

/** A mention links an entity to one span. Re-adding the same mention to the same span is a no-op (a retry). */
export function decideAddMention(state: EntityState, command: AddMention, spans: SpanLookup): EntityEvent[] {
  const mentionId = requireId('mentionId', command.mentionId);
  if (!state.exists) throw claimsError('CLAIMS.ENTITY_NOT_FOUND', 'entityId', 'must name an existing entity');
  const existing = state.mentions[mentionId];
  if (existing) {
    if (existing.span.spanId === command.spanId && !existing.retracted) return [];
    throw claimsError('CLAIMS.MENTION_EXISTS', 'mentionId', 'must name a new mention', { mentionId });
  }
  const span = resolveSpan(command.orgId, command.spanId, spans, 'spanId');
  return [{ type: MENTION_ADDED, data: { entityId: command.entityId, mentionId, span } }];
}

export interface RetractMention {
  entityId: string;
  mentionId: string;
  reason: string;
}

export function decideRetractMention(state: EntityState, command: RetractMention): EntityEvent[] {
  const reason = requireReason(command.reason);
  const mention = state.mentions[command.mentionId];
  if (!state.exists || !mention) {
    throw claimsError('CLAIMS.MENTION_NOT_FOUND', 'mentionId', 'must name a mention of the entity');
  }
  if (mention.retracted) return [];
  return [
    {
      type: MENTION_RETRACTED,
      schemaVersion: MENTION_RETRACTED_VERSION,
      data: { entityId: command.entityId, mentionId: command.mentionId },
      personal: { reason },
    },
  ];
}
