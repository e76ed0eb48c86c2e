import { claimsError } from '../claimsError';

/** What a predicate relates: subjects of some kinds to entities of some kinds, or to a literal. */
export interface PredicateRule {
  subjectKinds: readonly string[];
  object: { entityKinds: readonly string[] } | { literal: true };
}

export interface ClaimsConfig {
  entityKinds: readonly string[];
  predicates: Readonly<Record<string, PredicateRule>>;
}

export const DEFAULT_ENTITY_KINDS: readonly string[] = ['Household', 'Client', 'Account', 'LifeEvent', 'ActionItem'];

const HOLDERS = ['Client', 'Household'];

export const DEFAULT_PREDICATES: Readonly<Record<string, PredicateRule>> = {
  memberOf: { subjectKinds: ['Client'], object: { entityKinds: ['Household'] } },
  holdsAccount: { subjectKinds: HOLDERS, object: { entityKinds: ['Account'] } },
  accountType: { subjectKinds: ['Account'], object: { literal: true } },
  experienced: { subjectKinds: HOLDERS, object: { entityKinds: ['LifeEvent'] } },
  occurredOn: { subjectKinds: ['LifeEvent'], object: { literal: true } },
  hasActionItem: { subjectKinds: HOLDERS, object: { entityKinds: ['ActionItem'] } },
  status: { subjectKinds: ['ActionItem'], object: { literal: true } },
  statedPreference: { subjectKinds: HOLDERS, object: { literal: true } },
  // A client's email addresses are claims too: meeting prep matches thread participants by them.
  emailAddress: { subjectKinds: ['Client'], object: { literal: true } },
};

export const DEFAULT_CLAIMS_CONFIG: ClaimsConfig = {
  entityKinds: DEFAULT_ENTITY_KINDS,
  predicates: DEFAULT_PREDICATES,
};

const KIND_PATTERN = /^[A-Z][A-Za-z0-9]{0,63}$/;
const PREDICATE_PATTERN = /^[a-z][A-Za-z0-9]{0,63}$/;

export interface ClaimsConfigOptions {
  /** Kinds added to the default five. */
  extraEntityKinds?: readonly string[];
  /** Predicates added to (or replacing, by name) the defaults. */
  predicates?: Readonly<Record<string, PredicateRule>>;
}

/** Builds a configuration and checks it is closed: every predicate names only configured kinds. */
export function configureClaims(options: ClaimsConfigOptions = {}): ClaimsConfig {
  const entityKinds = [...new Set([...DEFAULT_ENTITY_KINDS, ...(options.extraEntityKinds ?? [])])];
  entityKinds.forEach((kind, i) => {
    if (!KIND_PATTERN.test(kind)) {
      throw claimsError('CLAIMS.INVALID_CONFIG', `entityKinds[${i}]`, `must match ${KIND_PATTERN.source}`);
    }
  });
  const predicates = { ...DEFAULT_PREDICATES, ...(options.predicates ?? {}) };
  for (const [name, rule] of Object.entries(predicates)) checkPredicate(name, rule, entityKinds);
  return { entityKinds, predicates };
}

function checkPredicate(name: string, rule: PredicateRule, kinds: readonly string[]): void {
  const field = `predicates.${name}`;
  if (!PREDICATE_PATTERN.test(name)) {
    throw claimsError('CLAIMS.INVALID_CONFIG', field, `name must match ${PREDICATE_PATTERN.source}`);
  }
  const objectKinds = 'entityKinds' in rule.object ? rule.object.entityKinds : [];
  const named = [...rule.subjectKinds, ...objectKinds];
  const unknown = named.find((kind) => !kinds.includes(kind));
  if (unknown !== undefined) {
    throw claimsError('CLAIMS.INVALID_CONFIG', field, `names kind ${unknown}, which is not configured`);
  }
  if (rule.subjectKinds.length === 0 || ('entityKinds' in rule.object && objectKinds.length === 0)) {
    throw claimsError('CLAIMS.INVALID_CONFIG', field, 'must allow at least one subject and object kind');
  }
}
