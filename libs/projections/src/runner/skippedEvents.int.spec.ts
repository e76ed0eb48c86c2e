import { metrics } from '@opentelemetry/api';
import { CollectingReader } from '@ledger/observability/testing';
import { EVENTS_SKIPPED_METRIC } from '@ledger/ledger';
import { deleteRow, tamper } from '@ledger/ledger/testing';
import { skipFailedEvent } from '../admin/resumeAndSkip';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { createProjectionTestContext, type ProjectionTestContext } from '../testing/projectionTestContext';
import { ProjectionRunner } from './projectionRunner';

// The counter comes from the global meter provider, as in a process: this suite's is a real SDK one.
const reader = new CollectingReader();
metrics.setGlobalMeterProvider(reader.provider);

const notes: ProjectionDefinition = {
  name: 'skip.notes',
  version: 1,
  prefix: 'skip_',
  tables: [
    { name: 'skip_notes', key: { note_id: 'text' }, columns: { n: 'bigint' }, notNull: ['n'], defaults: { n: 0 } },
  ],
  handlers: {
    NoteWritten: (event, tx) => {
      if (event.data.poison === true) throw new Error('poisoned note');
      tx.upsert('skip_notes', { note_id: String(event.data.noteId), n: Number(event.data.n) });
    },
  },
};

async function skipped(): Promise<Record<string, unknown>> {
  const points = await reader.points(EVENTS_SKIPPED_METRIC);
  return Object.fromEntries(points.map((point) => [String(point.attributes.reader), point.value]));
}

describe('ledger_events_skipped_total', () => {
  let context: ProjectionTestContext;
  const runner = () => new ProjectionRunner(context.pool, [notes], { batchSize: 50 });
  const write = (orgId: string, count: number, poisonAt = -1) =>
    context.ledger.append({
      orgId,
      streamId: 'notes-1',
      expectedRevision: 'any',
      events: Array.from({ length: count }, (_, i) => ({
        type: 'NoteWritten',
        data: { noteId: `n${i}`, n: i, poison: i === poisonAt },
        metadata: { actor: 'user-1' },
      })),
    });
  const noteCount = async (orgId: string) =>
    Number((await context.pool.query('SELECT count(*) AS n FROM skip_notes WHERE org_id = $1', [orgId])).rows[0].n);

  beforeAll(async () => {
    context = await createProjectionTestContext([notes]);
  });
  afterAll(() => context.close());

  it('exports every reader kind at 0 once a ledger exists, and a healthy run leaves them there', async () => {
    await write('org-healthy', 20);
    await context.ledger.sequencer.drain();
    await runner().runOnce();
    expect(await noteCount('org-healthy')).toBe(20);
    expect(await skipped()).toEqual({ projection: 0, subscription: 0 });
  });

  it('counts the holes a projection batch passes over, once', async () => {
    await write('org-hole', 10);
    await context.ledger.sequencer.drain();
    await tamper(context.admin, async (client) => {
      await deleteRow(client, 'org-hole', 3);
      await deleteRow(client, 'org-hole', 4);
    });
    await runner().runOnce();
    await runner().runOnce();
    expect(await noteCount('org-hole')).toBe(8);
    expect(await skipped()).toEqual({ projection: 2, subscription: 0 });
  });

  it('counts a hole a catch-up subscription delivers across', async () => {
    const subscription = context.ledger.subscribeToOrg('org-hole', { from: 0, pollMs: 20 });
    const seen: number[] = [];
    for await (const event of subscription) {
      seen.push(event.orgSeq);
      if (event.orgSeq === 9) subscription.close();
    }
    expect(seen).toEqual([0, 1, 2, 5, 6, 7, 8, 9]);
    expect(await skipped()).toEqual({ projection: 2, subscription: 2 });
  });

  it("counts an operator's skip of a failed event", async () => {
    await write('org-poison', 6, 2);
    await context.ledger.sequencer.drain();
    await runner().runOnce();
    expect(await noteCount('org-poison')).toBe(2);
    await skipFailedEvent(context, notes, 'org-poison', { actor: 'oncall-1', reason: 'poisoned by a test' });
    await runner().runOnce();
    expect(await noteCount('org-poison')).toBe(5);
    expect(await skipped()).toEqual({ projection: 3, subscription: 2 });
  });
});
