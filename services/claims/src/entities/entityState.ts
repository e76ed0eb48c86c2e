import type { SpanReference } from '../spans/spanReference';
import { ENTITY_CREATED, MENTION_ADDED, MENTION_RETRACTED, type EntityEvent } from './entityEvents';

export interface MentionState {
  span: SpanReference;
  retracted: boolean;
}

export interface EntityState {
  exists: boolean;
  kind: string | null;
  /** Every mention ever added, retracted ones included: history stays. */
  mentions: Readonly<Record<string, MentionState>>;
}

export const NO_ENTITY: EntityState = { exists: false, kind: null, mentions: {} };

export function evolveEntity(state: EntityState, event: EntityEvent): EntityState {
  switch (event.type) {
    case ENTITY_CREATED:
      return { ...state, exists: true, kind: event.data.kind };
    case MENTION_ADDED:
      return {
        ...state,
        mentions: { ...state.mentions, [event.data.mentionId]: { span: event.data.span, retracted: false } },
      };
    case MENTION_RETRACTED: {
      const mention = state.mentions[event.data.mentionId];
      return { ...state, mentions: { ...state.mentions, [event.data.mentionId]: { ...mention, retracted: true } } };
    }
  }
}

export function foldEntity(events: Iterable<EntityEvent>): EntityState {
  let state = NO_ENTITY;
  for (const event of events) state = evolveEntity(state, event);
  return state;
}
