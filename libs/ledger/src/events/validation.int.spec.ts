import { LedgerValidationError } from '../errors/ledgerError';
import type { AppendRequest } from './types';
import { countEvents, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

const valid: AppendRequest = {
  orgId: 'org-valid',
  streamId: 'claim-1',
  expectedRevision: 'any',
  events: [{ type: 'ClaimAsserted', data: { a: 1 }, metadata: { actor: 'user-1' } }],
};
const withEvent = (patch: Record<string, unknown>): AppendRequest =>
  ({ ...valid, events: [{ ...valid.events[0], ...patch }] }) as unknown as AppendRequest;
const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;

const INVALID = 'LEDGER.INVALID_INPUT';
const TOO_LARGE = 'LEDGER.EVENT_TOO_LARGE';

// Every row has all five cells: a shorter row would make Jest pass `done` as the last argument.
const cases: Array<[string, AppendRequest, string, RegExp, string]> = [
  ['a malformed stream id', { ...valid, streamId: 'no dash here' }, 'streamId', /<category>-<id>/, INVALID],
  ['an upper-case category', { ...valid, streamId: 'Claim-1' }, 'streamId', /<category>-<id>/, INVALID],
  ['an empty batch', { ...valid, events: [] }, 'events', /at least one event/, INVALID],
  ['a missing org', { ...valid, orgId: undefined } as unknown as AppendRequest, 'orgId', /required/, INVALID],
  ['an org id with spaces', { ...valid, orgId: 'org one' }, 'orgId', /must match/, INVALID],
  [
    'an unknown expected-revision form',
    { ...valid, expectedRevision: 'latest' } as unknown as AppendRequest,
    'expectedRevision',
    /'any'/,
    INVALID,
  ],
  ['a negative expected revision', { ...valid, expectedRevision: -2 }, 'expectedRevision', /'any'/, INVALID],
  [
    'an event over 1 MiB',
    withEvent({ data: { blob: 'x'.repeat(1024 * 1024) } }),
    'events[0]',
    /at most 1048576 bytes/,
    TOO_LARGE,
  ],
  [
    'personal data over 1 MiB',
    withEvent({ personal: { blob: 'x'.repeat(1024 * 1024) } }),
    'events[0]',
    /at most 1048576 bytes/,
    TOO_LARGE,
  ],
  ['a Date in data', withEvent({ data: { at: new Date() } }), 'events[0].data.at', /not a Date/, INVALID],
  ['a BigInt in data', withEvent({ data: { n: BigInt(1) } }), 'events[0].data.n', /not bigint/, INVALID],
  ['undefined in data', withEvent({ data: { u: undefined } }), 'events[0].data.u', /not undefined/, INVALID],
  ['NaN in data', withEvent({ data: { list: [1, Number.NaN] } }), 'events[0].data.list[1]', /finite/, INVALID],
  ['a cycle in data', withEvent({ data: cyclic }), 'events[0].data.self', /cycle/, INVALID],
  ['data that is an array', withEvent({ data: [1] }), 'events[0].data', /JSON object/, INVALID],
  ['a missing actor', withEvent({ metadata: {} }), 'events[0].metadata.actor', /required/, INVALID],
  [
    'a bad traceparent',
    withEvent({ metadata: { actor: 'a', traceparent: 'abc' } }),
    'events[0].metadata.traceparent',
    /traceparent/,
    INVALID,
  ],
  ['an event id that is not a UUID', withEvent({ eventId: 'evt-1' }), 'events[0].eventId', /UUID/, INVALID],
  ['a bad event type', withEvent({ type: '1 bad' }), 'events[0].type', /must match/, INVALID],
  ['schema version 0', withEvent({ schemaVersion: 0 }), 'events[0].schemaVersion', /integer >= 1/, INVALID],
];

describe('bad input', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  it.each(cases)(
    'refuses %s with a typed error naming the field and rule, writing nothing',
    async (_name, request, field, rule, code) => {
      const before = await countEvents(ctx.admin);
      const error = await ctx.ledger.append(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerValidationError);
      const validation = error as LedgerValidationError;
      expect(validation.code).toBe(code);
      expect(validation.field).toBe(field);
      expect(validation.rule).toMatch(rule);
      expect(await countEvents(ctx.admin)).toBe(before);
    },
  );

  it('refuses a whole batch when only its last event is bad', async () => {
    const before = await countEvents(ctx.admin);
    const request = {
      ...valid,
      events: [valid.events[0], { ...valid.events[0], data: { bad: Number.POSITIVE_INFINITY } }],
    };
    await expect(ctx.ledger.append(request)).rejects.toMatchObject({ field: 'events[1].data.bad' });
    expect(await countEvents(ctx.admin)).toBe(before);
  });

  it('refuses a duplicated event id inside one batch', async () => {
    const eventId = '0d3c5f1e-8f7a-4c55-9a3b-1f2e3d4c5b6a';
    const request = {
      ...valid,
      events: [
        { ...valid.events[0], eventId },
        { ...valid.events[0], eventId },
      ],
    };
    await expect(ctx.ledger.append(request)).rejects.toMatchObject({
      field: 'events[1].eventId',
      rule: 'must be unique within the batch',
    });
  });
});
