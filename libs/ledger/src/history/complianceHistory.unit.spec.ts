import type { JsonObject } from '../events/types';
import { event, freshOrg } from '../testing/conformance/harness';
import { InMemoryEventStore } from '../store/inMemoryEventStore';
import { COMPLIANCE_STREAM } from '../retention/complianceEvents';
import { readRecordAsOf } from './recordHistory';
import { complianceHistoryOf } from './complianceHistory';
import { readRecordHistory } from './readRecordHistory';

const STREAM = 'claim-c-1';

describe('complianceHistoryOf: the compliance actions that concern one record', () => {
  const store = new InMemoryEventStore();
  const orgId = freshOrg();
  let recordedAt: number;

  const compliance = (type: string, data: JsonObject, reason = `why ${type}`) =>
    event(type, data, { personal: { reason }, metadata: { actor: 'compliance-1' } });
  const hold = (holdId: string, scope: JsonObject) =>
    compliance('LegalHoldPlaced', {
      holdId,
      scope: 'stream',
      streamId: null,
      category: null,
      entityId: null,
      from: null,
      to: null,
      ...scope,
    });

  beforeAll(async () => {
    await store.append({
      orgId,
      streamId: STREAM,
      expectedRevision: 'no_stream',
      events: [event('ClaimAsserted', {})],
    });
    recordedAt = Date.parse((await readRecordAsOf(store, orgId, STREAM))[0].recordedAt);
    const hour = 3_600_000;
    await store.append({
      orgId,
      streamId: COMPLIANCE_STREAM,
      expectedRevision: 'any',
      events: [
        compliance('RetentionClassSet', { category: 'claim', regulation: 'sec-17a-4', durationMonths: 72 }),
        compliance('RetentionClassSet', { category: 'evidence', regulation: 'sec-17a-4', durationMonths: 72 }),
        hold('h-stream', { scope: 'stream', streamId: STREAM }),
        hold('h-other-stream', { scope: 'stream', streamId: 'claim-c-2' }),
        hold('h-category', { scope: 'category', category: 'claim' }),
        hold('h-entity', { scope: 'entity', entityId: 'c-1' }),
        hold('h-other-entity', { scope: 'entity', entityId: 'c-10' }),
        hold('h-time', {
          scope: 'time-range',
          from: new Date(recordedAt - hour).toISOString(),
          to: new Date(recordedAt + hour).toISOString(),
        }),
        hold('h-time-before', {
          scope: 'time-range',
          from: new Date(recordedAt - 2 * hour).toISOString(),
          to: new Date(recordedAt).toISOString(),
        }),
        compliance('LegalHoldReleased', { holdId: 'h-stream' }),
        compliance('LegalHoldReleased', { holdId: 'h-other-stream' }),
        compliance('RetentionShredded', { streamId: STREAM, category: 'claim' }),
        compliance('RetentionShredded', { streamId: 'claim-c-2', category: 'claim' }),
      ],
    });
  });

  it('keeps its category’s classes, the holds covering it and their releases, and shreds naming it', async () => {
    const history = await readRecordHistory(store, orgId, STREAM, { personal: 'decrypt', withoutReason: new Set() });
    expect(history?.compliance.map((entry) => [entry.type, entry.data.holdId ?? entry.data.category ?? null])).toEqual([
      ['RetentionClassSet', 'claim'],
      ['LegalHoldPlaced', 'h-stream'],
      ['LegalHoldPlaced', 'h-category'],
      ['LegalHoldPlaced', 'h-entity'],
      ['LegalHoldPlaced', 'h-time'],
      ['LegalHoldReleased', 'h-stream'],
      ['RetentionShredded', 'claim'],
    ]);
    expect(history?.compliance[1]).toMatchObject({
      streamId: COMPLIANCE_STREAM,
      actor: 'compliance-1',
      reason: 'why LegalHoldPlaced',
      reasonState: 'present',
    });
  });

  it('withholds sealed reasons unless decrypted, and knows nothing of a record the org lacks', async () => {
    const events = await readRecordAsOf(store, orgId, STREAM);
    const withheld = await complianceHistoryOf(store, orgId, STREAM, events);
    expect(new Set(withheld.map((entry) => entry.reasonState))).toEqual(new Set(['withheld']));
    expect(
      await readRecordHistory(store, orgId, 'claim-nope', { personal: 'decrypt', withoutReason: new Set() }),
    ).toBeNull();
    expect(
      await readRecordHistory(store, freshOrg(), STREAM, { personal: 'decrypt', withoutReason: new Set() }),
    ).toBeNull();
  });
});
