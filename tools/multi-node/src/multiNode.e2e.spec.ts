import { EVENT_SERVICES } from '@ledger/contracts';
import { DEMO_ORG } from '@ledger/single-node/src/demo/demoHousehold';
import { seedDemo } from '@ledger/single-node/src/demo/seedDemo';
import { runWalkthrough } from '@ledger/single-node/src/demo/walkthrough';
import type { Role } from '@ledger/tenancy';
import { startMultiNodeStack, type MultiNodeStack } from './testing/multiNodeStack';
import { waitUntilCaughtUp } from './testing/pipelineState';

jest.setTimeout(300_000);

type Trail = { items: Array<{ type: string; actor: string }> };
type Brief = { sections: Array<{ section: string; bullets: Array<{ bulletId: string; citations: unknown[] }> }> };

describe('multi-node: four processes integrated through Kafka', () => {
  let stack: MultiNodeStack;

  beforeAll(async () => {
    stack = await startMultiNodeStack(EVENT_SERVICES);
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
});
