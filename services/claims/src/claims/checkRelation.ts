import { claimsError } from '../claimsError';
import type { ClaimsConfig } from '../config/claimsConfig';
import { MAX_LITERAL_LENGTH } from '../validation';
import type { ClaimObject } from './claimEvents';

/** What the claims projection knows of an entity when a claim is decided. */
export interface EntityFact {
  entityId: string;
  orgId: string;
  kind: string;
}

export type EntityLookup = ReadonlyMap<string, EntityFact>;

export function entityLookup(facts: Iterable<EntityFact>): EntityLookup {
  return new Map([...facts].map((fact) => [fact.entityId, fact]));
}

export interface Relation {
  orgId: string;
  subjectEntityId: string;
  predicate: string;
  object: ClaimObject;
}

/** Checks a relation against the configured predicate: subject and object exist in the org and have allowed kinds. */
export function checkRelation(relation: Relation, entities: EntityLookup, config: ClaimsConfig, prefix = ''): void {
  const rule = Object.hasOwn(config.predicates, relation.predicate) ? config.predicates[relation.predicate] : undefined;
  if (!rule) {
    const known = Object.keys(config.predicates).join(', ');
    throw claimsError('CLAIMS.UNKNOWN_PREDICATE', `${prefix}predicate`, `must be one of ${known}`);
  }
  checkEntity(relation.orgId, relation.subjectEntityId, rule.subjectKinds, entities, `${prefix}subjectEntityId`);
  const object = relation.object;
  if ('literal' in rule.object) {
    if (object.kind !== 'literal') {
      throw claimsError('CLAIMS.INVALID_RELATION', `${prefix}object`, `${relation.predicate} takes a literal`);
    }
    checkLiteral(object.value, `${prefix}object.value`);
    return;
  }
  if (object.kind !== 'entity') {
    throw claimsError('CLAIMS.INVALID_RELATION', `${prefix}object`, `${relation.predicate} takes an entity`);
  }
  if (object.entityId === relation.subjectEntityId) {
    throw claimsError('CLAIMS.INVALID_RELATION', `${prefix}object.entityId`, 'must differ from the subject');
  }
  checkEntity(relation.orgId, object.entityId, rule.object.entityKinds, entities, `${prefix}object.entityId`);
}

/** An entity of another org is reported like a missing one: no oracle across orgs. */
function checkEntity(orgId: string, id: string, kinds: readonly string[], entities: EntityLookup, field: string): void {
  const fact = entities.get(id);
  if (!fact || fact.orgId !== orgId) {
    throw claimsError('CLAIMS.ENTITY_NOT_FOUND', field, 'must name an existing entity of the same org');
  }
  if (!kinds.includes(fact.kind)) {
    throw claimsError('CLAIMS.INVALID_RELATION', field, `must be of kind ${kinds.join(' or ')}, not ${fact.kind}`);
  }
}

function checkLiteral(value: unknown, field: string): void {
  const ok =
    (typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_LITERAL_LENGTH) ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean';
  if (!ok) {
    const rule = `must be a non-blank string of at most ${MAX_LITERAL_LENGTH} characters, a finite number or a boolean`;
    throw claimsError('CLAIMS.INVALID_FIELD', field, rule);
  }
}
