import { Module } from '@nestjs/common';
import { VIEW_BEHIND_HEADER } from '@ledger/contracts';
import { defineService, PROJECTION_DEFINITIONS } from '@ledger/host';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import type { ProjectionDefinition } from '@ledger/projections';
import { SERVICES } from '@ledger/registry';

/**
 * One org's projection stopped on a failure: the write that stopped it, and every later one,
 * answers with its committed ids and says which view is behind; that org's other read models
 * and every other org keep working; the projection admin shows the failure by its code alone.
 *
 * The failure comes from a handler that fails on purpose, for one org, in a projection that
 * exists only in this test: no input of the real services is needed to stop a projection.
 */
const STOPPED_ORG = 'org-stopped';
const HEALTHY_ORG = 'org-healthy';
const TRIPWIRE = 'tripwire.documents';

class TripwireError extends Error {
  readonly code = 'TRIPWIRE.TRIPPED';
  constructor() {
    super('tripped on purpose');
    this.name = 'TripwireError';
  }
}

const tripwireProjection: ProjectionDefinition = {
  name: TRIPWIRE,
  version: 1,
  prefix: 'tripwire_',
  tables: [{ name: 'tripwire_documents', key: { document_id: 'text' }, columns: { org_seq: 'bigint' } }],
  handlers: {
    DocumentIngested: (event, tx) => {
      if (event.orgId === STOPPED_ORG) throw new TripwireError();
      return tx.upsert('tripwire_documents', { document_id: String(event.data.documentId), org_seq: event.orgSeq });
    },
  },
};

@Module({})
class TripwireModule {}

const tripwire = defineService({
  name: 'tripwire',
  prefix: 'tripwire_',
  categories: ['tripwire'],
  follows: ['evidence'],
  projections: [tripwireProjection],
  module: TripwireModule,
  registerRoutes: () => undefined,
  paths: [],
});

/** Personal data of the messages below: none of it may reach the admin status or the log. */
const PERSONAL = ['jordan.vale@example.test', 'Quarterly rebalance', 'Sell the bond ladder ending 7731.'];

function message(messageId: string) {
  return {
    messageId,
    threadId: 'thr-1',
    internalDate: Date.UTC(2026, 5, 1),
    historyId: 'h-1',
    from: PERSONAL[0],
    to: ['advisor@example.test'],
    cc: [],
    subject: PERSONAL[1],
    body: PERSONAL[2],
  };
}

describe('a projection stopped for one org', () => {
  let t: HttpTestApp;
  const tokens = new Map<string, string>();
  const token = async (role: 'advisor' | 'compliance' | 'operator', orgId: string) => {
    const key = `${role}:${orgId}`;
    if (!tokens.has(key)) tokens.set(key, await t.tokenFor(role, orgId));
    return tokens.get(key) as string;
  };
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    orgId: string,
    role: 'advisor' | 'compliance' | 'operator',
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: await token(role, orgId),
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      payload: payload ? JSON.stringify(payload) : undefined,
    });

  beforeAll(async () => {
    const services = [...SERVICES, tripwire];
    t = await createHttpTestApp({
      services,
      shared: [{ provide: PROJECTION_DEFINITIONS, useValue: services.flatMap((service) => service.projections) }],
    });
    for (const orgId of [STOPPED_ORG, HEALTHY_ORG]) {
      const account = await call('POST', '/v1/provider-accounts', orgId, 'advisor', {
        id: 'acct-1',
        provider: 'gmail',
        label: 'Work',
      });
      expect(account.statusCode).toBe(201);
      expect(account.headers[VIEW_BEHIND_HEADER.toLowerCase()]).toBeUndefined();
    }
  });

  afterAll(() => t?.close());

  it("answers the write that stops it with the committed ids, says the view is behind, and the org's other reads work", async () => {
    const ingested = await call('POST', '/v1/documents/ingest', STOPPED_ORG, 'advisor', message('m-1'));
    expect(ingested.statusCode).toBe(201);
    expect(ingested.json()).toMatchObject({ version: 1, created: true });
    // Failed, not lagging: the write did not wait out the timeout for a projection that cannot catch up.
    expect(ingested.headers[VIEW_BEHIND_HEADER.toLowerCase()]).toBe(`${TRIPWIRE};reason=failed`);
    const { documentId } = ingested.json() as { documentId: string };

    // The event is committed, and the evidence read models of the same org applied it.
    expect(await t.eventCount(STOPPED_ORG)).toBe(2);
    const read = await call('GET', `/v1/documents/${documentId}`, STOPPED_ORG, 'compliance');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ documentId, latestVersion: 1 });
    expect((await call('GET', '/v1/threads/thr-1', STOPPED_ORG, 'compliance')).statusCode).toBe(200);

    // Later writes of the org still answer, and still say so.
    const next = await call('POST', '/v1/documents/ingest', STOPPED_ORG, 'advisor', message('m-2'));
    expect(next.statusCode).toBe(201);
    expect(next.headers[VIEW_BEHIND_HEADER.toLowerCase()]).toBe(`${TRIPWIRE};reason=failed`);
    const nextRead = await call('GET', `/v1/documents/${next.json().documentId}`, STOPPED_ORG, 'advisor');
    expect(nextRead.statusCode).toBe(200);
  });

  it('leaves every other org working, its writes answering with no view behind', async () => {
    const ingested = await call('POST', '/v1/documents/ingest', HEALTHY_ORG, 'advisor', message('m-1'));
    expect(ingested.statusCode).toBe(201);
    expect(ingested.headers[VIEW_BEHIND_HEADER.toLowerCase()]).toBeUndefined();
    const read = await call('GET', `/v1/documents/${ingested.json().documentId}`, HEALTHY_ORG, 'compliance');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ latestVersion: 1 });
    const { rows } = await t.pool.query<{ document_id: string }>(
      'SELECT document_id FROM tripwire_documents WHERE org_id = $1',
      [HEALTHY_ORG],
    );
    expect(rows.map((row) => row.document_id)).toEqual([ingested.json().documentId]);
  });

  it('shows in the projection admin status of that org with its error code and no personal data', async () => {
    const stopped = await call('GET', '/v1/audit/projections', STOPPED_ORG, 'operator');
    expect(stopped.statusCode).toBe(200);
    const statuses = (stopped.json() as { items: Array<{ projection: string; status: string }> }).items;
    expect(statuses.find((status) => status.projection === TRIPWIRE)).toMatchObject({
      orgId: STOPPED_ORG,
      status: 'failed',
      failure: { eventType: 'DocumentIngested', error: 'TripwireError (TRIPWIRE.TRIPPED)' },
    });
    // Every other projection of the org runs.
    expect(statuses.filter((status) => status.status !== 'running').map((status) => status.projection)).toEqual([
      TRIPWIRE,
    ]);
    const healthy = await call('GET', '/v1/audit/projections', HEALTHY_ORG, 'operator');
    const healthyStatuses = (healthy.json() as { items: Array<{ projection: string; status: string }> }).items;
    expect(healthyStatuses.find((status) => status.projection === TRIPWIRE)).toMatchObject({ status: 'running' });
    expect(healthyStatuses.every((status) => status.status === 'running')).toBe(true);

    for (const text of PERSONAL) {
      expect(stopped.body).not.toContain(text);
      expect(t.logLines.join('\n')).not.toContain(text);
    }
  });
});
