import type { RecordedEvent } from '@ledger/ledger';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import type { Role } from '@ledger/tenancy';
import { SERVICES } from '@ledger/registry';
import { apiClient, type ApiCall } from './apiClient';
import { DEMO_BRIEF_ID, DEMO_MESSAGES, DEMO_ORG } from './demoHousehold';
import { seedDemo } from './seedDemo';
import { runWalkthrough } from './walkthrough';

interface EvidenceItem {
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
  text: string;
  kind: string;
}

interface BriefBody {
  briefId: string;
  contentHash: string;
  disclaimer: unknown;
  sections: Array<{ section: string; bullets: Array<{ bulletId: string; text: string; citations: unknown[] }> }>;
}

describe('the demo narrative over HTTP: email → spans → claims → brief → Evidence.List → audit trail', () => {
  let t: HttpTestApp;
  const as = {} as Record<Role, ApiCall>;
  beforeAll(async () => {
    t = await createHttpTestApp({ services: SERVICES });
    for (const role of ['advisor', 'compliance', 'operator'] as const) {
      as[role] = apiClient(t.app, await t.tokenFor(role, DEMO_ORG, `demo-${role}`));
    }
    await seedDemo(as.advisor);
  });
  afterAll(() => t.close());

  /** The stored content of one exact version, straight from the ledger. */
  async function versionContent(documentId: string, documentVersionId: string): Promise<string> {
    const events: RecordedEvent[] = [];
    for await (const event of t.ledger.readStream(DEMO_ORG, `evidence-${documentId}`, { personal: 'decrypt' })) {
      events.push(event);
    }
    const version = events.find((e) => e.data.documentVersionId === documentVersionId && e.personal);
    if (!version?.personal) throw new Error(`no content for ${documentVersionId}`);
    return String(version.personal.content);
  }

  it('runs the printed walk-through, and every bullet’s citations resolve to spans matching their version', async () => {
    const { answers } = await runWalkthrough((step) => as[step.role](step.method, step.path, step.body));

    const brief = answers[3] as BriefBody;
    expect(brief.briefId).toBe(DEMO_BRIEF_ID);
    expect(brief.disclaimer).toBeTruthy();
    const bullets = brief.sections.flatMap((section) => section.bullets);
    expect(bullets.length).toBeGreaterThanOrEqual(5);
    expect(new Set(brief.sections.map((s) => s.section))).toEqual(
      new Set(['summary', 'recentCommunications', 'openActionItems', 'complianceNotes']),
    );
    const compliance = brief.sections.find((s) => s.section === 'complianceNotes');
    expect(compliance?.bullets.length).toBeGreaterThan(0);
    for (const bullet of bullets.filter((b) => !compliance?.bullets.includes(b))) {
      expect(bullet.text.toLowerCase()).not.toContain('guaranteed returns');
    }

    for (const bullet of bullets) {
      expect(bullet.citations.length).toBeGreaterThan(0);
      const listed = await as.advisor<{ items: EvidenceItem[] }>(
        'GET',
        `/v1/evidence?meetingPrepBulletId=${encodeURIComponent(bullet.bulletId)}&limit=200`,
      );
      expect(listed.items.length).toBeGreaterThan(0);
      for (const item of listed.items) {
        expect(item.kind).toBe('bullet');
        const content = await versionContent(item.documentId, item.documentVersionId);
        expect(item.text).toBe(content.slice(item.startChar, item.endChar));
      }
    }

    type Trail = { items: Array<{ type: string; actor: string }> };
    const walkthroughTrail = (answers[5] as Trail).items.filter((event) => event.type === 'EvidenceListed');
    expect(walkthroughTrail).toHaveLength(1);
    const trail = await as.compliance<Trail>('GET', '/v1/audit/events?accessOnly=true&limit=200');
    const accesses = trail.items.filter((event) => event.type === 'EvidenceListed');
    expect(accesses).toHaveLength(bullets.length + 1);
    expect(accesses.every((event) => event.actor === 'demo-advisor')).toBe(true);
  });

  it('keeps personal data out of the log and of the ledger’s clear text', async () => {
    const logs = t.logLines.join('\n');
    const { rows } = await t.pool.query<{ canonical: string }>(
      'SELECT canonical FROM ledger_events WHERE org_id = $1',
      [DEMO_ORG],
    );
    const stored = rows.map((row) => row.canonical).join('\n');
    for (const canary of [
      'maren.lind@example.net',
      'Maren Lind',
      'IRA ending 4821',
      DEMO_MESSAGES[0].body.slice(0, 30),
    ]) {
      expect(logs).not.toContain(canary);
      expect(stored).not.toContain(canary);
    }
  });
});
