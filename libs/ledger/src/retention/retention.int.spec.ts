import { randomUUID } from 'node:crypto';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { Retention } from './retention';
import { RetentionError } from './retentionError';
import { COMPLIANCE_STREAM } from './complianceEvents';
import { MovableClock } from './testing/movableClock';

const ORG = 'org-retention';
const OTHER = 'org-retention-other';

describe('retention classes and legal holds', () => {
  let ctx: LedgerTestContext;
  let clock: MovableClock;
  let retention: Retention;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
    clock = new MovableClock();
    retention = new Retention({ pool: ctx.writer, ledger: ctx.ledger, clock });
  });
  afterAll(() => ctx.close());

  async function complianceEvents(orgId: string) {
    return collect(ctx.ledger.readStream(orgId, COMPLIANCE_STREAM, { personal: 'decrypt' }));
  }

  async function appendTo(orgId: string, streamId: string) {
    await ctx.ledger.append({
      orgId,
      streamId,
      expectedRevision: 'any',
      events: [{ type: 'Noted', data: {}, personal: { body: 'canary text' }, metadata: { actor: 'advisor-1' } }],
    });
  }

  it('refuses a class below its regulation floor in the database itself, whoever writes', async () => {
    for (const role of ['ledger_writer', 'ledger_request']) {
      const client = await ctx.admin.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL ROLE ${role}`);
        await client.query(`SELECT set_config('app.org_id', $1, true)`, [ORG]);
        await expect(
          client.query(
            `INSERT INTO ledger_retention_classes (org_id, category, regulation, duration_months, set_at, set_event_id)
             VALUES ($1, 'evidence', 'sec-17a-4', 71, now(), $2)`,
            [ORG, randomUUID()],
          ),
        ).rejects.toMatchObject({ code: '23514', constraint: 'ledger_retention_classes_floor' });
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    }
    // The floors themselves are not the request roles' to change.
    const client = await ctx.admin.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE ledger_request');
      await expect(
        client.query(`UPDATE ledger_retention_floors SET floor_months = 1 WHERE regulation = 'sec-17a-4'`),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('refuses a class below its floor before writing anything, naming the field', async () => {
    const before = (await complianceEvents(ORG)).length;
    await expect(
      retention.setClass(ORG, {
        category: 'evidence',
        regulation: 'advisers-204-2',
        durationMonths: 59,
        actor: 'compliance-1',
        reason: 'too short',
      }),
    ).rejects.toMatchObject({ code: 'RETENTION.BELOW_FLOOR', field: 'durationMonths' });
    expect(await complianceEvents(ORG)).toHaveLength(before);
    expect(await retention.classes(ORG)).toEqual([]);
  });

  it('records every class change as a ledger event with actor, time and sealed reason', async () => {
    const first = await retention.setClass(ORG, {
      category: 'evidence',
      regulation: 'sec-17a-4',
      actor: 'compliance-1',
      reason: 'broker-dealer records',
    });
    expect(first).toMatchObject({ category: 'evidence', regulation: 'sec-17a-4', durationMonths: 72 });
    const longer = await retention.setClass(ORG, {
      category: 'evidence',
      regulation: 'sec-17a-4',
      durationMonths: 120,
      actor: 'compliance-2',
      reason: 'firm policy: ten years',
    });
    expect(longer.durationMonths).toBe(120);
    const events = (await complianceEvents(ORG)).filter((e) => e.type === 'RetentionClassSet');
    expect(events.map((e) => [e.metadata.actor, e.data.durationMonths, e.personal])).toEqual([
      ['compliance-1', 72, { reason: 'broker-dealer records' }],
      ['compliance-2', 120, { reason: 'firm policy: ten years' }],
    ]);
    expect(events[1].data.previous).toEqual({ regulation: 'sec-17a-4', durationMonths: 72 });
    expect(events[1].eventId).toBe(longer.setEventId);
    expect(JSON.stringify(events.map((e) => e.canonical))).not.toContain('ten years');
  });

  it('answers coverage: holds in force by scope, and retention counted from the last event', async () => {
    const stream = `evidence-${randomUUID()}`;
    const entityStream = `entity-client42`;
    await appendTo(ORG, stream);
    await appendTo(ORG, entityStream);
    const [last] = await collect(ctx.ledger.readStream(ORG, stream, { direction: 'backward' }));
    const lastAt = new Date(last.recordedAt);

    const none = await retention.coverage(ORG, stream);
    expect(none.heldBy).toEqual([]);
    const until = none.retainedUntil as Date;
    const expected = new Date(lastAt);
    expected.setUTCMonth(expected.getUTCMonth() + 120);
    expect(Math.abs(until.getTime() - expected.getTime())).toBeLessThan(2 * 86_400_000);
    // No class for the category: never due.
    expect((await retention.coverage(ORG, entityStream)).retainedUntil).toBeNull();

    const byStream = await retention.placeHold(ORG, {
      scope: { kind: 'stream', streamId: stream },
      actor: 'compliance-1',
      reason: 'litigation A',
    });
    const byCategory = await retention.placeHold(ORG, {
      scope: { kind: 'category', category: 'evidence' },
      actor: 'compliance-1',
      reason: 'regulator inquiry',
    });
    const byEntity = await retention.placeHold(ORG, {
      scope: { kind: 'entity', entityId: 'client42' },
      actor: 'compliance-1',
      reason: 'client dispute',
    });
    const byTime = await retention.placeHold(ORG, {
      scope: { kind: 'time-range', from: new Date(lastAt.getTime() - 1000), to: new Date(lastAt.getTime() + 1000) },
      actor: 'compliance-1',
      reason: 'period under review',
    });
    const held = await retention.coverage(ORG, stream);
    expect(held.heldBy.sort()).toEqual([byStream.holdId, byCategory.holdId, byTime.holdId].sort());
    expect((await retention.coverage(ORG, entityStream)).heldBy).toContain(byEntity.holdId);

    const released = await retention.releaseHold(ORG, byStream.holdId, { actor: 'compliance-2', reason: 'settled' });
    expect(released).toMatchObject({ releasedBy: 'compliance-2' });
    expect((await retention.coverage(ORG, stream)).heldBy).not.toContain(byStream.holdId);
    // As of a moment before the release, the hold was in force.
    const during = await retention.coverage(ORG, stream, new Date(released.placedAt.getTime()));
    expect(during.heldBy).toContain(byStream.holdId);
    await expect(
      retention.releaseHold(ORG, byStream.holdId, { actor: 'compliance-2', reason: 'again' }),
    ).rejects.toMatchObject({ code: 'RETENTION.ALREADY_RELEASED' });

    const types = (await complianceEvents(ORG)).map((e) => e.type);
    expect(types.filter((t) => t === 'LegalHoldPlaced')).toHaveLength(4);
    expect(types.filter((t) => t === 'LegalHoldReleased')).toHaveLength(1);
    expect((await retention.holds(ORG)).map((h) => h.holdId).sort()).toEqual(
      [byCategory.holdId, byEntity.holdId, byTime.holdId].sort(),
    );
    expect(await retention.holds(ORG, { includeReleased: true })).toHaveLength(4);
  });

  it('keeps each org to its own holds: another org’s hold id is unknown', async () => {
    const hold = await retention.placeHold(ORG, {
      scope: { kind: 'category', category: 'claim' },
      actor: 'compliance-1',
      reason: 'hold of one org',
    });
    await expect(retention.hold(OTHER, hold.holdId)).rejects.toBeInstanceOf(RetentionError);
    await expect(
      retention.releaseHold(OTHER, hold.holdId, { actor: 'compliance-9', reason: 'not mine' }),
    ).rejects.toMatchObject({ code: 'RETENTION.HOLD_NOT_FOUND' });
    expect(await retention.holds(OTHER)).toEqual([]);
    expect((await retention.hold(ORG, hold.holdId)).releasedAt).toBeNull();
    const stream = `claim-${randomUUID()}`;
    await appendTo(OTHER, stream);
    expect((await retention.coverage(OTHER, stream)).heldBy).toEqual([]);
  });

  it('refuses bad input with a field and a rule, writing nothing', async () => {
    const before = (await complianceEvents(ORG)).length;
    const refusals = [
      retention.setClass(ORG, { category: 'Bad Category', regulation: 'sec-17a-4', actor: 'c', reason: 'r' }),
      retention.setClass(ORG, { category: 'evidence', regulation: 'gdpr', actor: 'c', reason: 'r' }),
      retention.setClass(ORG, {
        category: 'evidence',
        regulation: 'sec-17a-4',
        durationMonths: 80.5,
        actor: 'c',
        reason: 'r',
      }),
      retention.setClass(ORG, { category: 'evidence', regulation: 'sec-17a-4', actor: 'c', reason: '  ' }),
      retention.placeHold(ORG, { scope: { kind: 'stream', streamId: 'nodash' }, actor: 'c', reason: 'r' }),
      retention.placeHold(ORG, {
        scope: { kind: 'time-range', from: new Date('2030-01-01'), to: new Date('2020-01-01') },
        actor: 'c',
        reason: 'r',
      }),
      retention.releaseHold(ORG, 'not-a-uuid', { actor: 'c', reason: 'r' }),
    ];
    const fields = [];
    for (const refusal of refusals) {
      const error = await refusal.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RetentionError);
      fields.push((error as RetentionError).field);
    }
    expect(fields).toEqual(['category', 'regulation', 'durationMonths', 'reason', 'streamId', 'to', 'holdId']);
    expect(await complianceEvents(ORG)).toHaveLength(before);
  });
});
