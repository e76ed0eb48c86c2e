import { Module } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { CollectingReader } from '@ledger/observability/testing';
import type { ProjectionDefinition } from '@ledger/projections';
import { defineService } from '../descriptor/serviceDescriptor';
import { createHttpTestApp, type HttpTestApp } from '../testing/httpTestApp';

@Module({})
class EmptyModule {}

const view: ProjectionDefinition = {
  name: 'notes.view',
  version: 1,
  prefix: 'notes_',
  tables: [{ name: 'notes_view', key: { note_id: 'text' }, columns: {} }],
  handlers: {
    NoteWritten: (event, tx) => {
      if (event.data.poison === true) throw new Error('this org cannot be projected');
      tx.upsert('notes_view', { note_id: String(event.data.noteId) });
    },
  },
};

const notes = defineService({
  name: 'notes',
  prefix: 'notes_',
  categories: ['note'],
  follows: [],
  projections: [view],
  module: EmptyModule,
  registerRoutes: () => undefined,
  paths: ['/v1/notes'],
});

const until = async (what: string, condition: () => Promise<boolean>) => {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('/health/ready reports the process, not a tenant', () => {
  const reader = new CollectingReader();
  let t: HttpTestApp;
  const ready = async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/ready' });
    return { status: response.statusCode, body: response.json<{ status: string; checks: Record<string, unknown> }>() };
  };

  beforeAll(async () => {
    // The process's meter provider, as the SDK installs it, so the core's instruments are real.
    metrics.setGlobalMeterProvider(reader.provider);
    t = await createHttpTestApp({ services: [notes] });
  });
  afterAll(async () => {
    await t.close();
    await reader.shutdown();
  });

  it('stays ready while one org is stopped on a failed event, and the metric counts the org', async () => {
    const write = (orgId: string, poison: boolean) =>
      t.ledger.append({
        orgId,
        streamId: 'note-1',
        expectedRevision: 'any',
        events: [{ type: 'NoteWritten', data: { noteId: 'n1', poison }, metadata: { actor: 'user-1' } }],
      });
    await write('org-poisoned', true);
    await write('org-healthy', false);
    const states = async () =>
      (
        await t.pool.query<{ org_id: string; status: string }>(
          'SELECT org_id, status FROM projection_state WHERE projection = $1 ORDER BY org_id',
          [view.name],
        )
      ).rows;
    await until('the poisoned org to stop', async () =>
      (await states()).some((row) => row.org_id === 'org-poisoned' && row.status === 'failed'),
    );

    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', checks: { database: 'ok', workers: { sequencer: 'ok', projections: 'ok' } } });
    expect(JSON.stringify(body)).not.toContain('org-');

    await until('the failed org to be measured', async () =>
      (await reader.points('ledger.projection.failed_orgs')).some((point) => point.value === 1),
    );
    expect(await reader.points('ledger.projection.failed_orgs')).toEqual([
      { attributes: { projection: 'notes.view' }, value: 1 },
    ]);
    // No metric of the process carries an org, whatever it measures.
    const { resourceMetrics } = await reader.collect();
    const labels = JSON.stringify(resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics));
    expect(labels).not.toContain('org-poisoned');
    expect(labels).not.toContain('org-healthy');
  });

  it('goes unready, naming the worker, once the projection runner has stopped, and the stall shows in a metric', async () => {
    await t.runner.stop();
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body).toEqual({
      status: 'unavailable',
      checks: { database: 'ok', workers: { sequencer: 'ok', projections: 'stopped' } },
    });
    expect(await reader.points('ledger.worker.stalled')).toEqual(
      expect.arrayContaining([
        { attributes: { worker: 'projections' }, value: 1 },
        { attributes: { worker: 'sequencer' }, value: 0 },
      ]),
    );
  });
});
