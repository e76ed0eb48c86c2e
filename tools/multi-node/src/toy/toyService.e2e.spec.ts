import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { deadLetterTopic } from '@ledger/contracts';
import { ensureServiceLogin, loadDevAuth, migrateServices, serviceRole } from '@ledger/host';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { createPool, Ledger, LocalKeyProvider } from '@ledger/ledger';
import { rebuildOrg } from '@ledger/projections';
import { SERVICES } from '@ledger/registry';
import { DEMO_ACCOUNT_ID, DEMO_MESSAGES } from '@ledger/single-node/demo';
import { spawnService, type ServiceProcess } from '../launch/serviceProcess';
import { PARTITIONS, startMultiNodeStack, type MultiNodeStack } from '../testing/multiNodeStack';
import { toyProjection, toyService, type ToyActivity } from './toyService';

jest.setTimeout(300_000);

const ORG = 'org-toy';
const TOY_MAIN = require.resolve('./toyServiceMain.ts');
const ingest = { providerAccountId: DEMO_ACCOUNT_ID, ...DEMO_MESSAGES[0] };
const account = { id: DEMO_ACCOUNT_ID, provider: 'gmail', label: 'Advisor desk' };

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function rows<T extends object>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return (await client.query<T>(sql, values).finally(() => client.end())).rows;
}

/** The toy's read model rebuilt for one org from the ledger, as `ledger projections rebuild` does. */
async function rebuildToy(url: string): Promise<string> {
  const pool = createPool({ connectionString: url, max: 2 });
  const ledger = new Ledger({
    pool,
    keyProvider: new LocalKeyProvider({ none: Buffer.alloc(32) }),
    runSequencer: false,
  });
  try {
    return (await rebuildOrg({ pool, ledger }, toyProjection, ORG, { actor: 'test-operator' })).outcome;
  } finally {
    await ledger.close();
    await pool.end();
  }
}

describe('a fifth service declared in a test alone', () => {
  describe('single-node: the four services and the toy in one process', () => {
    let t: HttpTestApp;
    beforeAll(async () => {
      t = await createHttpTestApp({ services: [...SERVICES, toyService] });
    });
    afterAll(() => t?.close());

    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const response = await t.app.inject({
        method,
        url,
        payload: payload as object,
        headers: { authorization: await t.tokenFor('advisor', ORG) },
      });
      expect([url, response.statusCode]).toEqual([url, method === 'POST' ? 201 : 200]);
      return response.json();
    };

    it('migrates its tables, its generated role and inbox, and owns its category', async () => {
      const [role] = await rows<{ role: string; inbox: string | null; owner: string }>(
        t.database.url,
        `SELECT rolname AS role, to_regclass('toy_inbox')::text AS inbox,
                (SELECT owner_role FROM ledger_category_owners WHERE category = 'toy') AS owner
           FROM pg_roles WHERE rolname = $1`,
        [serviceRole(toyService)],
      );
      expect(role).toEqual({ role: 'svc_toy', inbox: 'toy_inbox', owner: 'svc_toy' });
    });

    it('appends through its route, projects its own and evidence events, reads back and rebuilds one org', async () => {
      await call('POST', '/v1/provider-accounts', account);
      await call('POST', '/v1/documents/ingest', ingest);
      expect(await call('POST', '/v1/toy/notes', { noteId: 'n1' })).toEqual({ noteId: 'n1', revision: 0 });
      const read = () => call('GET', '/v1/toy/notes') as Promise<ToyActivity>;
      const before = await eventually(read, (a) => a.documents === 1 && a.notes.length === 1, 'toy read model');
      expect(before).toEqual({ notes: ['n1'], documents: 1 });
      expect(await rebuildToy(t.database.url)).toBe('switched');
      expect(await read()).toEqual(before);
    });
  });

  describe('multi-node: its own process and role, relaying and consuming through Kafka', () => {
    let stack: MultiNodeStack;
    let toy: ServiceProcess;
    const output: string[] = [];

    beforeAll(async () => {
      stack = await startMultiNodeStack(['evidence']);
      await stack.broker.createTopic(toyService.topic, PARTITIONS);
      await stack.broker.createTopic(deadLetterTopic(toyService.topic), 1);
      await migrateServices(stack.database.url, [...SERVICES, toyService]);
      toy = await spawnService('toy', {
        env: {
          ...stack.env,
          DATABASE_URL: await ensureServiceLogin(stack.database.url, toyService),
          PORT: '0',
          OTEL_EXPORTER_PROMETHEUS_PORT: '0',
        },
        main: TOY_MAIN,
        onLine: (line) => output.push(line),
      });
    });
    afterAll(async () => {
      await toy?.stop();
      await stack?.close();
    });

    it('relays its own events to its topic, applies evidence events from Kafka through its inbox, and rebuilds', async () => {
      const evidence = await stack.client(ORG, 'advisor');
      await evidence('POST', '/v1/provider-accounts', account);
      await evidence('POST', '/v1/documents/ingest', ingest);
      const auth = await loadDevAuth(stack.env, '');
      const headers = {
        authorization: `Bearer ${await auth.issue({ orgId: ORG, role: 'advisor', actor: 'test-advisor' })}`,
        'content-type': 'application/json',
      };
      const written = await fetch(`${toy.baseUrl}/v1/toy/notes`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ noteId: 'n1' }),
      });
      expect(written.status).toBe(201);

      const read = async () => (await (await fetch(`${toy.baseUrl}/v1/toy/notes`, { headers })).json()) as ToyActivity;
      const before = await eventually(read, (a) => a.documents === 1 && a.notes.length === 1, 'toy read model');
      expect(before).toEqual({ notes: ['n1'], documents: 1 });
      const inbox = await rows<{ topic: string }>(stack.database.url, 'SELECT topic FROM toy_inbox WHERE org_id = $1', [
        ORG,
      ]);
      expect(new Set(inbox.map((row) => row.topic))).toEqual(new Set(['todox.evidence.events.v1']));
      expect(await published(stack, toyService.topic)).toEqual(['ToyNoteWritten']);

      expect(await rebuildToy(stack.database.url)).toBe('switched');
      expect(await read()).toEqual(before);
      expect(output.join('\n')).not.toMatch(/refusing to start/);
    });
  });
});

/** The event types on a topic, read from its start. */
async function published(stack: MultiNodeStack, topic: string): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'toy-test', brokers: stack.broker.bootstrap, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `toy-test-${Date.now()}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 500,
  });
  const types: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void types.push(String(message.headers?.['event-type'])),
    });
    return await eventually(
      async () => [...types],
      (seen) => seen.length > 0,
      `messages on ${topic}`,
    );
  } finally {
    await consumer.disconnect();
  }
}
