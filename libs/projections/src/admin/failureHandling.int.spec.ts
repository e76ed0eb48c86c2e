import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { ProjectionMetrics } from '../metrics/projectionMetrics';
import { ProjectionRunner } from '../runner/projectionRunner';
import { PROJECTION_AUDIT_STREAM } from '../audit/projectionAudit';
import { readStates } from '../store/stateStore';
import { createProjectionTestContext, type ProjectionTestContext } from '../testing/projectionTestContext';
import { RecordingMeter } from '../testing/recordingMeter';
import { projectionStatus } from './projectionStatus';
import { resumeOrg, skipFailedEvent } from './resumeAndSkip';

const CANARY = 'Jane Canary-Doe';
let poisonFixed = false;

const notes: ProjectionDefinition = {
  name: 'demo.notes',
  version: 1,
  prefix: 'demo_',
  tables: [
    {
      name: 'demo_notes',
      key: { note_id: 'text' },
      columns: { body_length: 'bigint' },
      notNull: ['body_length'],
      defaults: { body_length: 0 },
    },
  ],
  handlers: {
    NoteWritten: (event, tx) => {
      // A failure whose message quotes the payload, as careless code does.
      if (event.data.poison === true && !poisonFixed) throw new Error(`cannot handle note by ${CANARY}`);
      tx.upsert('demo_notes', { note_id: String(event.data.noteId), body_length: Number(event.data.length) });
    },
  },
};

describe('a handler failure', () => {
  let context: ProjectionTestContext;
  const meter = new RecordingMeter();
  const metrics = new ProjectionMetrics(meter.asMeter());
  const runner = () => new ProjectionRunner(context.pool, [notes], { batchSize: 50, metrics });
  const write = (orgId: string, from: number, to: number, poisonAt = -1) =>
    context.ledger.append({
      orgId,
      streamId: 'notes-1',
      expectedRevision: 'any',
      events: Array.from({ length: to - from }, (_, i) => ({
        type: 'NoteWritten',
        data: { noteId: `n${from + i}`, length: from + i, poison: from + i === poisonAt },
        metadata: { actor: 'user-1' },
      })),
    });
  const noteCount = async (orgId: string) =>
    Number((await context.pool.query('SELECT count(*) AS n FROM demo_notes WHERE org_id = $1', [orgId])).rows[0].n);

  beforeAll(async () => {
    context = await createProjectionTestContext([notes]);
    await write('org-bad', 0, 30, 17);
    await write('org-good', 0, 30);
    await context.ledger.sequencer.drain();
  });

  afterAll(() => context.close());

  it('stops only its org, keeps the events before it, and records the event without personal data', async () => {
    const report = await runner().drain();

    expect(report.failedOrgs).toEqual(['org-bad']);
    expect(await noteCount('org-bad')).toBe(17);
    expect(await noteCount('org-good')).toBe(30);
    const [bad] = await projectionStatus(context.pool, notes, 'org-bad');
    expect(bad).toMatchObject({ status: 'failed', checkpoint: 16, lagEvents: 13 });
    expect(bad.failure).toMatchObject({ seq: 17, eventType: 'NoteWritten', error: 'Error' });
    expect(JSON.stringify(await readStates(context.pool))).not.toContain(CANARY);
    // Per projection, never per org: the count of stopped orgs and the worst org's lag.
    const byProjection = { projection: 'demo.notes' };
    expect(meter.value('ledger.projection.failed_orgs', byProjection)).toBe(1);
    expect(meter.value('ledger.projection.lag.events', byProjection)).toBe(13);
    expect(meter.value('ledger.projection.lag.seconds', byProjection)).toBeGreaterThan(0);
    expect(meter.value('ledger.projection.failed_orgs', { ...byProjection, org_id: 'org-bad' })).toBeUndefined();
    expect(meter.counterTotal('ledger.projection.failures')).toBe(1);
  });

  it('keeps other orgs projecting while it stays failed', async () => {
    await write('org-good', 30, 40);
    await write('org-bad', 30, 35);
    await context.ledger.sequencer.drain();
    await runner().drain();

    expect(await noteCount('org-good')).toBe(40);
    expect(await noteCount('org-bad')).toBe(17);
  });

  it('resume retries the failing event: failed again while the bug is there, through once fixed', async () => {
    await resumeOrg(context, notes, 'org-bad', 'oncall-1');
    await runner().drain();
    expect((await projectionStatus(context.pool, notes, 'org-bad'))[0].status).toBe('failed');

    poisonFixed = true;
    await resumeOrg(context, notes, 'org-bad', 'oncall-1');
    // The resume's own audit event is part of the org's log too; let it be sequenced first.
    await context.ledger.sequencer.drain();
    await runner().drain();
    poisonFixed = false;
    expect(await noteCount('org-bad')).toBe(35);
    expect((await projectionStatus(context.pool, notes, 'org-bad'))[0]).toMatchObject({
      status: 'running',
      lagEvents: 0,
    });
  });

  it('resume and skip refuse an org that is not failed', async () => {
    await expect(resumeOrg(context, notes, 'org-good', 'oncall-1')).rejects.toMatchObject({
      code: 'PROJECTIONS.NOT_FAILED',
    });
    await expect(skipFailedEvent(context, notes, 'org-good', { actor: 'oncall-1', reason: 'x' })).rejects.toMatchObject(
      { code: 'PROJECTIONS.NOT_FAILED' },
    );
  });

  it('skip needs a reason and the right event, and appends who skipped what and why', async () => {
    await write('org-skip', 0, 10, 4);
    await context.ledger.sequencer.drain();
    await runner().drain();

    await expect(
      skipFailedEvent(context, notes, 'org-skip', { actor: 'oncall-1', reason: '  ' }),
    ).rejects.toMatchObject({ code: 'PROJECTIONS.REASON_REQUIRED' });
    await expect(
      skipFailedEvent(context, notes, 'org-skip', { actor: 'oncall-1', reason: 'bad note', expectedSeq: 5 }),
    ).rejects.toMatchObject({ code: 'PROJECTIONS.SEQ_MISMATCH' });
    const skipped = await skipFailedEvent(context, notes, 'org-skip', {
      actor: 'oncall-1',
      reason: 'INC-42 malformed note',
      expectedSeq: 4,
    });
    await runner().drain();

    expect(skipped.skippedSeq).toBe(4);
    expect(await noteCount('org-skip')).toBe(9);
    const audit = [];
    // The reason is the operator's free text: sealed (v2), opened only by a decrypting read.
    for await (const event of context.ledger.readStream('org-skip', PROJECTION_AUDIT_STREAM, { personal: 'decrypt' }))
      audit.push(event);
    expect(audit.every((event) => event.schemaVersion === 2 && !event.canonical.includes('INC-42'))).toBe(true);
    expect(
      audit.map((event) => [event.type, event.metadata.actor, event.personal?.reason, event.data.skippedSeq]),
    ).toEqual([['ProjectionSkipped', 'oncall-1', 'INC-42 malformed note', 4]]);
  });
});
