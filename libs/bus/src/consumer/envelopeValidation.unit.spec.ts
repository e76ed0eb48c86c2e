import { composeValidators, validateEnvelopeFields } from './envelopeValidation';
import { makeEnvelope } from './testing/consumerTestKit';

describe('validateEnvelopeFields', () => {
  it('accepts a well-formed envelope, with extra fields and with a personal part', () => {
    expect(validateEnvelopeFields({ ...makeEnvelope(), addedLater: 1 })).toEqual({ ok: true });
    expect(validateEnvelopeFields(makeEnvelope({ personal: { alg: 'A256GCM', ct: 'x', iv: 'y', tag: 'z' } }))).toEqual({
      ok: true,
    });
  });

  it('names every missing or mistyped field and the rule, never the value', () => {
    const result = validateEnvelopeFields({
      ...makeEnvelope(),
      eventId: 'Jane Doe',
      streamRevision: -1,
      orgSeq: 1.5,
      recordedAt: '2024-13-45',
      metadata: { actor: '' },
      data: [],
      personal: undefined,
    });
    expect(result).toEqual({
      ok: false,
      error:
        'eventId must be a lower-case UUID; streamRevision must be an integer ≥ 0; orgSeq must be an integer ≥ 0; ' +
        'recordedAt must be an ISO 8601 UTC timestamp; metadata must be an object with a non-empty actor; ' +
        'data must be an object; personal must be an object or null',
    });
    expect(JSON.stringify(result)).not.toContain('Jane');
  });

  it('refuses what is not an object', () => {
    for (const value of [null, [], 'x', 3]) {
      expect(validateEnvelopeFields(value)).toEqual({ ok: false, error: 'the envelope must be a JSON object' });
    }
  });
});

describe('composeValidators', () => {
  it('answers with the first refusal, in order', () => {
    const refuse = (error: string) => () => ({ ok: false as const, error });
    expect(composeValidators(validateEnvelopeFields, refuse('a'), refuse('b'))(makeEnvelope())).toEqual({
      ok: false,
      error: 'a',
    });
    expect(composeValidators(validateEnvelopeFields)(makeEnvelope())).toEqual({ ok: true });
  });
});
