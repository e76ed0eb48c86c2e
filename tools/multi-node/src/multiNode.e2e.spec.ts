import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { TopicCollector } from '@ledger/bus/testing';
import { EVENT_CATALOG, type EventService } from '@ledger/contracts';
import type { ServiceDescriptor } from '@ledger/host';
import { storedEventIds } from '@ledger/ledger/testing';
import { metricsNamedByAlertsAndRunbooks, metricsNamedByDashboards, scrapedNames } from '@ledger/alerting';
import { SERVICES } from '@ledger/registry';
import { DEMO_ACCOUNT_ID, DEMO_MESSAGES, DEMO_ORG, runWalkthrough, seedDemo } from '@ledger/single-node/demo';
import type { Role } from '@ledger/tenancy';
import { startMultiNodeStack, type MultiNodeStack } from './testing/multiNodeStack';
import { waitUntilCaughtUp } from './testing/pipelineState';

jest.setTimeout(300_000);

type Trail = { items: Array<{ type: string; actor: string }> };
type Brief = { sections: Array<{ section: string; bullets: Array<{ bulletId: string; citations: unknown[] }> }> };

describe('multi-node: four processes integrated through Kafka', () => {
  let stack: MultiNodeStack;

  beforeAll(async () => {
    stack = await startMultiNodeStack(SERVICES.map((service) => service.name));
  });

  afterAll(async () => {
    await stack?.close();
  });

  const as = async (role: Role, orgId = DEMO_ORG) => stack.client(orgId, role, `demo-${role}`);

  it('runs the walk-through across the four services, each learning the others’ events from their topics', async () => {
    await seedDemo(await as('advisor'));
    // A brief is composed from meeting-prep's own read model, fed by the evidence and claims topics.
    await waitUntilCaughtUp(stack.database.url, 'meeting-prep', DEMO_ORG);
    const { answers } = await runWalkthrough(async (step) => (await as(step.role))(step.method, step.path, step.body));

    const brief = answers[3] as Brief;
    const bullets = brief.sections.flatMap((section) => section.bullets);
    expect(bullets.length).toBeGreaterThan(0);
    expect(bullets.every((bullet) => bullet.citations.length > 0)).toBe(true);
    // Evidence.List for a bullet: the evidence service knows the brief only from the meeting-prep topic.
    expect((answers[4] as { items: unknown[] }).items.length).toBeGreaterThan(0);

    // The audit trail learns of evidence's access records through the evidence topic.
    await waitUntilCaughtUp(stack.database.url, 'audit', DEMO_ORG);
    const trail = await (await as('compliance'))<Trail>('GET', '/v1/audit/events?accessOnly=true&limit=200');
    expect(trail.items.some((event) => event.type === 'EvidenceListed')).toBe(true);
    const everything = await (await as('compliance'))<Trail>('GET', '/v1/audit/events?limit=200');
    const types = new Set(everything.items.map((event) => event.type));
    for (const type of ['DocumentIngested', 'SpanPinned', 'ClaimAsserted', 'BriefComposed'])
      expect(types).toContain(type);

    for (const service of ['evidence', 'claims', 'meeting-prep', 'audit'] as const) {
      const state = await waitUntilCaughtUp(stack.database.url, service, DEMO_ORG);
      expect(state.received).toBe(state.published);
    }
    expect(stack.lines.filter((line) => line.includes('dead-lettered'))).toEqual([]);
  });

  it('publishes every ledger event on its service’s topic, keyed by org, in per-org order, each valid against its closed schema', async () => {
    // On-call rebuilds the audit trail in the audit process, as its own role; its audit events go to the audit topic.
    const before = await (await as('compliance'))<Trail>('GET', '/v1/audit/events?limit=200');
    const rebuilt = await (
      await as('operator')
    )<{ outcome: string }>('POST', '/v1/audit/projections/audit.trail/rebuild');
    expect(rebuilt.outcome).toBe('switched');
    const after = await (await as('compliance'))<Trail>('GET', '/v1/audit/events?limit=200');
    expect(before.items.length).toBeGreaterThan(0);
    expect(after.items.slice(0, before.items.length)).toEqual(before.items);

    const kafka = new Kafka({ clientId: 'e2e-collector', brokers: stack.broker.bootstrap, logLevel: logLevel.NOTHING });
    const client = new Client({ connectionString: stack.database.url });
    await client.connect();
    const rows = await storedEventIds(client, DEMO_ORG).finally(() => client.end());
    // In parallel: each collector spends most of its time joining its own consumer group.
    const checkTopic = async (service: ServiceDescriptor) => {
      const types = new Set<string>(EVENT_CATALOG[service.name as EventService]);
      const expected = rows.filter((row) => types.has(row.type)).map((row) => row.eventId);
      expect(expected.length).toBeGreaterThan(0);
      // The collector checks each message against its type's schema, closed: no undeclared field.
      const collector = await TopicCollector.start(kafka, service.topic);
      try {
        const received = await collector.waitForEvents(expected);
        expect(new Set(received.map((message) => message.envelope.eventId))).toEqual(new Set(expected));
        for (const message of received) {
          expect([message.key, message.headers['org-id']]).toEqual([DEMO_ORG, DEMO_ORG]);
        }
        const seqs = received.map((message) => message.envelope.orgSeq);
        expect(new Set(received.map((message) => message.partition)).size).toBe(1);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      } finally {
        await collector.stop();
      }
    };
    await Promise.all(SERVICES.map(checkTopic));
  });

  it('claims follows evidence: a new version of a cited document marks the citing claim stale', async () => {
    const advisor = await as('advisor');
    type Claim = { staleEvidence: boolean; staleSpanIds: string[] };
    expect((await advisor<Claim>('GET', '/v1/claims/claim-c1-email')).staleEvidence).toBe(false);
    const message = DEMO_MESSAGES.find((candidate) => candidate.messageId === 'msg-101');
    await advisor('POST', '/v1/documents/ingest', {
      providerAccountId: DEMO_ACCOUNT_ID,
      ...message,
      historyId: '9001',
      body: `${message?.body}\nP.S. One more question about the review.`,
    });
    const deadline = Date.now() + 15_000;
    let claim = await advisor<Claim>('GET', '/v1/claims/claim-c1-email');
    while (!claim.staleEvidence && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      claim = await advisor<Claim>('GET', '/v1/claims/claim-c1-email');
    }
    expect(claim.staleEvidence).toBe(true);
    expect(claim.staleSpanIds).toHaveLength(1);
  });

  it('emits, after the workload, every metric the alert rules, the runbooks and the dashboards name, with no org or personal value in a label', async () => {
    // A verification, so that its findings' counter exists (at 0) like the others.
    await (
      await as('compliance')
    )('GET', '/v1/audit/verify');
    // The sequencer's lag gauges are measured every 5 s.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const scrapes = await Promise.all(
      [...stack.running.values()].map(async (service) => (await fetch(`${service.metricsUrl}/metrics`)).text()),
    );
    const emitted = new Set(scrapes.flatMap((scrape) => [...scrapedNames(scrape)]));
    const named = metricsNamedByAlertsAndRunbooks();
    expect([...named.keys()]).toEqual(
      expect.arrayContaining([
        'consumer_lag',
        'ledger_sequencer_oldest_unsequenced_age',
        'ledger_tree_head_age_seconds',
        'ledger_events_skipped_total',
      ]),
    );
    const dashboards = metricsNamedByDashboards();
    expect([...dashboards.keys()]).toEqual(
      expect.arrayContaining(['outbox_backlog_events', 'ledger_projection_lag_events']),
    );
    for (const [name, where] of dashboards) if (!named.has(name)) named.set(name, where);
    const missing = [...named].filter(([name]) => !emitted.has(name));
    expect(missing).toEqual([]);
    const everything = scrapes.join('\n');
    // Pools are named by purpose, never by host, port or database (nor a connection string).
    expect(everything).not.toMatch(/unknown_host|unknown_port|unknown_database|postgres(ql)?:\/\//);
    const poolNames = new Set([...everything.matchAll(/pool="([^"]*)"/g)].map((m) => m[1]));
    expect(poolNames).toEqual(new Set(['writer', 'worker', 'requests']));
    for (const value of [DEMO_ORG, 'maren.lind@example.net', 'Maren Lind', 'demo-advisor']) {
      expect(everything).not.toContain(value);
    }
  });
});
