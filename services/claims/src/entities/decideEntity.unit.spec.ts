import { configureClaims, DEFAULT_CLAIMS_CONFIG } from '../config/claimsConfig';
import { FACTS, ORG, OTHER_ORG } from '../testing/claimsFixtures';
import { decideAddMention, decideCreateEntity, decideRetractMention } from './decideEntity';
import { ENTITY_CREATED, entityStreamId, MENTION_ADDED, MENTION_RETRACTED, type EntityEvent } from './entityEvents';
import { foldEntity } from './entityState';

const created: EntityEvent = {
  type: ENTITY_CREATED,
  data: { entityId: 'client-1', kind: 'Client' },
  personal: { label: 'Avery Quinn' },
};
const pinned = { spanId: 'span-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 10 };
const mentioned: EntityEvent = { type: MENTION_ADDED, data: { entityId: 'client-1', mentionId: 'm-1', span: pinned } };
const mention = { orgId: ORG, entityId: 'client-1', mentionId: 'm-1', spanId: 'span-1' };

function rejects(decide: () => unknown, code: string, field: string): void {
  expect(decide).toThrow(expect.objectContaining({ code, details: expect.objectContaining({ field }) }));
}

describe('entities', () => {
  it('lives in an entity-<id> stream', () => {
    expect(entityStreamId('client-1')).toBe('entity-client-1');
  });

  it('given nothing, when created, then EntityCreated with the label in the personal part', () => {
    const command = { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' };
    expect(decideCreateEntity(foldEntity([]), command, DEFAULT_CLAIMS_CONFIG)).toEqual([created]);
  });

  it('accepts a configured extra kind and refuses an unconfigured one, naming the field', () => {
    const config = configureClaims({ extraEntityKinds: ['Trust'] });
    const trust = { entityId: 't-1', kind: 'Trust', label: 'Quinn Family Trust' };
    expect(decideCreateEntity(foldEntity([]), trust, config)).toHaveLength(1);
    rejects(
      () => decideCreateEntity(foldEntity([]), trust, DEFAULT_CLAIMS_CONFIG),
      'CLAIMS.UNKNOWN_ENTITY_KIND',
      'kind',
    );
  });

  it('refuses a second creation, a blank label and an id unfit for a stream name', () => {
    const ok = { entityId: 'client-1', kind: 'Client', label: 'A' };
    rejects(
      () => decideCreateEntity(foldEntity([created]), ok, DEFAULT_CLAIMS_CONFIG),
      'CLAIMS.ENTITY_EXISTS',
      'entityId',
    );
    rejects(
      () => decideCreateEntity(foldEntity([]), { ...ok, label: '  ' }, DEFAULT_CLAIMS_CONFIG),
      'CLAIMS.INVALID_FIELD',
      'label',
    );
    rejects(
      () => decideCreateEntity(foldEntity([]), { ...ok, entityId: 'a b' }, DEFAULT_CLAIMS_CONFIG),
      'CLAIMS.INVALID_FIELD',
      'entityId',
    );
  });
});

describe('mentions', () => {
  it('given an entity, when a mention cites a current span of the org, then MentionAdded pins it', () => {
    expect(decideAddMention(foldEntity([created]), mention, FACTS.spans)).toEqual([mentioned]);
  });

  it('treats the same mention of the same span as a retry, and refuses to re-point it', () => {
    const state = foldEntity([created, mentioned]);
    expect(decideAddMention(state, mention, FACTS.spans)).toEqual([]);
    rejects(
      () => decideAddMention(state, { ...mention, spanId: 'span-2' }, FACTS.spans),
      'CLAIMS.MENTION_EXISTS',
      'mentionId',
    );
  });

  it.each([
    ['a missing span', 'span-x', 'CLAIMS.SPAN_NOT_FOUND'],
    ["another org's span", 'span-foreign', 'CLAIMS.SPAN_NOT_FOUND'],
    ['a span of a superseded version', 'span-old', 'CLAIMS.STALE_CITATION'],
  ])('refuses %s', (_name, spanId, code) => {
    rejects(() => decideAddMention(foldEntity([created]), { ...mention, spanId }, FACTS.spans), code, 'spanId');
  });

  it('refuses a mention of an entity that does not exist', () => {
    rejects(() => decideAddMention(foldEntity([]), mention, FACTS.spans), 'CLAIMS.ENTITY_NOT_FOUND', 'entityId');
  });

  it('the same span id seen from another org does not resolve', () => {
    rejects(
      () => decideAddMention(foldEntity([created]), { ...mention, orgId: OTHER_ORG }, FACTS.spans),
      'CLAIMS.SPAN_NOT_FOUND',
      'spanId',
    );
  });

  it('retracts with a reason, keeps the mention in history, and retracting again is a no-op', () => {
    const retract = { entityId: 'client-1', mentionId: 'm-1', reason: 'wrong person' };
    const events = decideRetractMention(foldEntity([created, mentioned]), retract);
    expect(events).toEqual([
      {
        type: MENTION_RETRACTED,
        schemaVersion: 2,
        data: { entityId: 'client-1', mentionId: 'm-1' },
        personal: { reason: 'wrong person' },
      },
    ]);
    const state = foldEntity([created, mentioned, ...events]);
    expect(state.mentions['m-1']).toEqual({ span: pinned, retracted: true });
    expect(decideRetractMention(state, retract)).toEqual([]);
  });

  it('refuses a retraction without a reason or of an unknown mention', () => {
    const state = foldEntity([created, mentioned]);
    rejects(
      () => decideRetractMention(state, { entityId: 'client-1', mentionId: 'm-1', reason: '' }),
      'CLAIMS.INVALID_FIELD',
      'reason',
    );
    rejects(
      () => decideRetractMention(state, { entityId: 'client-1', mentionId: 'm-9', reason: 'r' }),
      'CLAIMS.MENTION_NOT_FOUND',
      'mentionId',
    );
  });
});
