import { Client } from 'pg';
import {
  checkTopology,
  pgPrivilegeProbe,
  readTopologyConfig,
  singleNodeTopology,
  type ServiceDescriptor,
  type TopologyConfig,
} from '@ledger/host';
import type { TestDatabase } from '@ledger/postgres';
import { SERVICES } from '@ledger/registry';
import { createMigratedDatabase, dropTestRole, uniqueRoleName } from './testing/migratedDatabase';

const BROKERS = 'localhost:9092';

/** Each way a process can be misconfigured, refused at start-up with one line and a stable code. */
describe('start-up topology gate', () => {
  let database: TestDatabase;
  let misconfigured: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createMigratedDatabase('topology_gate');
    // The claims service's role plus a stray grant on an evidence table.
    misconfigured = uniqueRoleName('claims_misconfigured');
    const admin = await connect();
    await admin.query(`CREATE ROLE ${misconfigured} NOLOGIN IN ROLE svc_claims`);
    await admin.query(`GRANT INSERT, UPDATE ON evidence_spans TO ${misconfigured}`);
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await dropTestRole(database.url, misconfigured);
    await database.drop();
  });

  async function connect(role?: string): Promise<Client> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    clients.push(client);
    if (role) await client.query(`SET ROLE ${role}`);
    return client;
  }

  async function gate(config: TopologyConfig, role?: string): Promise<void> {
    await checkTopology(config, pgPrivilegeProbe(await connect(role)));
  }

  const config = (env: NodeJS.ProcessEnv, known: readonly ServiceDescriptor[] = SERVICES) =>
    readTopologyConfig(env, known);

  it('starts multi-node claims as svc_claims with brokers, and single-node as the superuser', async () => {
    await gate(config({ TOPOLOGY: 'multi-node', SERVICES: 'claims', KAFKA_BROKERS: BROKERS }), 'svc_claims');
    await gate(config({}));
    await gate(config({ TOPOLOGY: 'single-node', SERVICES: 'evidence,claims,meeting-prep,audit' }));
  });

  it('refuses an unknown topology', () => {
    expect(() => config({ TOPOLOGY: 'cluster' })).toThrow(
      expect.objectContaining({
        code: 'TOPOLOGY_UNKNOWN',
        message: 'topology: TOPOLOGY=cluster is not a topology: use single-node or multi-node',
      }),
    );
  });

  it('refuses multi-node without brokers', async () => {
    await expect(gate(config({ TOPOLOGY: 'multi-node', SERVICES: 'claims' }), 'svc_claims')).rejects.toMatchObject({
      code: 'TOPOLOGY_MULTI_NODE_NO_BROKERS',
      message: 'topology: multi-node needs KAFKA_BROKERS: events cross services through Kafka',
    });
  });

  it('refuses a multi-node process hosting several services', async () => {
    const several = config({ TOPOLOGY: 'multi-node', SERVICES: 'claims,evidence', KAFKA_BROKERS: BROKERS });
    await expect(gate(several, 'svc_claims')).rejects.toMatchObject({
      code: 'TOPOLOGY_MULTI_NODE_SEVERAL_SERVICES',
      message:
        'topology: multi-node runs one service per process, but this one would host claims, evidence: set SERVICES to one',
    });
  });

  it("refuses a role that can write another service's tables", async () => {
    const claims = config({ TOPOLOGY: 'multi-node', SERVICES: 'claims', KAFKA_BROKERS: BROKERS });
    await expect(gate(claims, misconfigured)).rejects.toMatchObject({
      code: 'TOPOLOGY_FOREIGN_TABLES_WRITABLE',
      message: `topology: role ${misconfigured} can write another service's tables: evidence_spans (INSERT, UPDATE)`,
    });
  });

  it('refuses a superuser connection in multi-node, since it can write every table', async () => {
    const claims = config({ TOPOLOGY: 'multi-node', SERVICES: 'claims', KAFKA_BROKERS: BROKERS });
    await expect(gate(claims)).rejects.toMatchObject({ code: 'TOPOLOGY_FOREIGN_TABLES_WRITABLE' });
  });

  it("refuses a multi-node role that does not own the service's stream categories", async () => {
    const claims = config({ TOPOLOGY: 'multi-node', SERVICES: 'claims', KAFKA_BROKERS: BROKERS });
    await expect(gate(claims, 'ledger_writer')).rejects.toMatchObject({
      code: 'TOPOLOGY_CATEGORIES_NOT_OWNED',
      message:
        'topology: role ledger_writer does not own stream categories entity, claim of service claims (ledger_category_owners)',
    });
  });

  it('refuses two services claiming one table prefix', async () => {
    const [evidence, claims, , audit] = SERVICES;
    const clash: ServiceDescriptor = { ...SERVICES[2], prefix: 'claims_' };
    await expect(gate(config({}, [evidence, claims, clash, audit]))).rejects.toMatchObject({
      code: 'TOPOLOGY_PREFIX_CLAIMED_TWICE',
      message: 'topology: services claims and meeting-prep both claim table prefix claims_',
    });
  });

  it('refuses two services claiming one stream category', async () => {
    const [evidence, claims, , audit] = SERVICES;
    const clash: ServiceDescriptor = { ...SERVICES[2], categories: ['brief', 'claim'] };
    await expect(gate(config({}, [evidence, claims, clash, audit]))).rejects.toMatchObject({
      code: 'TOPOLOGY_CATEGORY_CLAIMED_TWICE',
      message: 'topology: services claims and meeting-prep both claim stream category claim',
    });
  });

  it('refuses a single-node process started with a subset of the services', async () => {
    await expect(gate(config({ SERVICES: 'claims,audit' }))).rejects.toMatchObject({
      code: 'TOPOLOGY_SINGLE_NODE_SUBSET',
      message: 'topology: single-node hosts all 4 services, but SERVICES leaves out evidence, meeting-prep',
    });
  });

  it('refuses a service name it does not know', () => {
    expect(() => config({ SERVICES: 'billing' })).toThrow(
      expect.objectContaining({
        code: 'TOPOLOGY_UNKNOWN_SERVICE',
        message:
          'topology: SERVICES names billing, which is not a service (known: evidence, claims, meeting-prep, audit)',
      }),
    );
  });

  it('keeps `npm start` single-node: a valid multi-node configuration is still refused there', () => {
    const env = { TOPOLOGY: 'multi-node', SERVICES: 'claims', KAFKA_BROKERS: BROKERS };
    expect(() => singleNodeTopology(env, SERVICES)).toThrow(
      expect.objectContaining({
        code: 'TOPOLOGY_COMMAND_SINGLE_NODE_ONLY',
        message: 'topology: TOPOLOGY=multi-node: this command runs single-node only (all 4 services in one process)',
      }),
    );
  });
});
