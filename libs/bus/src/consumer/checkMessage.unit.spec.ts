import type { IHeaders, KafkaMessage } from 'kafkajs';
import { checkMessage } from './checkMessage';
import { validateEnvelopeFields } from './envelopeValidation';
import { makeEnvelope } from './testing/consumerTestKit';

function message(key: string | null, value: string | null, headers: IHeaders): KafkaMessage {
  return {
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    headers,
    timestamp: '0',
    attributes: 0,
    offset: '0',
  };
}

describe('checkMessage', () => {
  const envelope = makeEnvelope({ orgId: 'org-a' });
  const value = JSON.stringify(envelope);
  const accept = () => ({ ok: true as const });

  it('passes a message whose key, org-id header and payload name one org', () => {
    const checked = checkMessage(message('org-a', value, { 'org-id': Buffer.from('org-a') }), validateEnvelopeFields);
    expect(checked).toEqual({ ok: true, envelope });
  });

  it.each([
    ['a missing value', message('org-a', null, { 'org-id': 'org-a' }), 'unparseable'],
    ['a value that is not JSON', message('org-a', '{"orgId":', { 'org-id': 'org-a' }), 'unparseable'],
    ['a JSON array', message('org-a', '[1]', { 'org-id': 'org-a' }), 'unparseable'],
    ['a payload without orgId', message('org-a', '{}', { 'org-id': 'org-a' }), 'org-mismatch'],
    ['another org in the header', message('org-a', value, { 'org-id': 'org-b' }), 'org-mismatch'],
    ['no org header', message('org-a', value, {}), 'org-mismatch'],
    ['the org header twice', message('org-a', value, { 'org-id': ['org-a', 'org-a'] }), 'org-mismatch'],
    ['another org as key', message('org-b', value, { 'org-id': 'org-a' }), 'org-mismatch'],
    ['no key', message(null, value, { 'org-id': 'org-a' }), 'org-mismatch'],
  ])('refuses %s', (_, input, code) => {
    const checked = checkMessage(input, accept);
    expect(checked).toMatchObject({ ok: false, failure: { code } });
  });

  it("refuses what the validator refuses, with the validator's words", () => {
    const checked = checkMessage(message('org-a', value, { 'org-id': 'org-a' }), () => ({ ok: false, error: 'nope' }));
    expect(checked).toEqual({ ok: false, failure: { code: 'invalid-envelope', message: 'nope' } });
  });

  it('turns a throwing validator into a refusal that names only the error type', () => {
    const checked = checkMessage(message('org-a', value, { 'org-id': 'org-a' }), () => {
      throw new TypeError(`cannot read ${value}`);
    });
    expect(checked).toEqual({
      ok: false,
      failure: { code: 'invalid-envelope', message: 'the validator threw TypeError' },
    });
  });

  it('refuses an event id the inbox cannot key on, even when a lax validator accepts it', () => {
    const lax = JSON.stringify({ ...envelope, eventId: 'evt-1' });
    const checked = checkMessage(message('org-a', lax, { 'org-id': 'org-a' }), accept);
    expect(checked).toMatchObject({ ok: false, failure: { code: 'invalid-envelope', message: /UUID/ } });
  });
});
