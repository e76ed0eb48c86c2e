import { configureClaims, DEFAULT_CLAIMS_CONFIG, DEFAULT_ENTITY_KINDS } from './claimsConfig';

describe('claims configuration', () => {
  it('has the five kinds by default and adds configured ones', () => {
    expect(DEFAULT_CLAIMS_CONFIG.entityKinds).toEqual(['Household', 'Client', 'Account', 'LifeEvent', 'ActionItem']);
    const config = configureClaims({
      extraEntityKinds: ['Trust'],
      predicates: { trustee: { subjectKinds: ['Trust'], object: { entityKinds: ['Client'] } } },
    });
    expect(config.entityKinds).toEqual([...DEFAULT_ENTITY_KINDS, 'Trust']);
    expect(config.predicates.trustee).toBeDefined();
    expect(config.predicates.memberOf).toBeDefined();
  });

  it.each([
    ['a kind name that is not PascalCase', { extraEntityKinds: ['trust'] }, 'entityKinds[5]'],
    [
      'a predicate naming an unconfigured kind',
      { predicates: { owns: { subjectKinds: ['Trust'], object: { literal: true } } } },
      'predicates.owns',
    ],
    [
      'a predicate name that is not camelCase',
      { predicates: { 'Owns-It': { subjectKinds: ['Client'], object: { literal: true } } } },
      'predicates.Owns-It',
    ],
    [
      'a predicate with no subject kind',
      { predicates: { owns: { subjectKinds: [], object: { literal: true } } } },
      'predicates.owns',
    ],
  ] as const)('refuses %s', (_name, options, field) => {
    expect(() => configureClaims(options)).toThrow(
      expect.objectContaining({ code: 'CLAIMS.INVALID_CONFIG', details: expect.objectContaining({ field }) }),
    );
  });
});
