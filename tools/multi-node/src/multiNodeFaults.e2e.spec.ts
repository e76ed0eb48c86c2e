import { Pool } from 'pg';
import { readRelayBacklog } from '@ledger/bus';
import { startMultiNodeStack, type MultiNodeStack } from './testing/multiNodeStack';
import { inboxState, waitUntilCaughtUp } from './testing/pipelineState';

jest.setTimeout(300_000);

const ORG = 'org-faults';
const ACCOUNT = 'gmail-faults';

describe('multi-node under faults: a killed consumer, a broker outage', () => {
  let stack: MultiNodeStack;
  let pool: Pool;
  let message = 0;

  beforeAll(async () => {
    stack = await startMultiNodeStack(['evidence', 'claims']);
    pool = new Pool({ connectionString: stack.database.url, max: 2 });
    const advisor = await stack.client(ORG, 'advisor');
    await advisor('POST', '/v1/provider-accounts', { id: ACCOUNT, provider: 'gmail', label: 'Faults desk' });
  });

  afterAll(async () => {
    await pool?.end();
    await stack?.close();
  });

  /** Ingests one message and pins a span of it in evidence; the span's id. */
  async function ingestAndPin(): Promise<string> {
    const advisor = await stack.client(ORG, 'advisor');
    message += 1;
    const body = `Message ${message}: please review the account allocation.`;
    const document = await advisor<{ documentId: string; documentVersionId: string }>('POST', '/v1/documents/ingest', {
      providerAccountId: ACCOUNT,
      messageId: `m-${message}`,
      threadId: 't-faults',
      internalDate: Date.UTC(2026, 10, 1, 9, message),
      historyId: `h-${message}`,
      from: 'advisor@example.test',
      to: ['client@example.test'],
      subject: `Review ${message}`,
      body,
    });
    const text = 'review the account allocation';
    const start = body.indexOf(text);
    const span = await advisor<{ spanId: string }>('POST', '/v1/spans', {
      documentId: document.documentId,
      documentVersionId: document.documentVersionId,
      startChar: start,
      endChar: start + text.length,
      text,
    });
    return span.spanId;
  }

  /** Claims accepts a mention of the span only once it has the span from the evidence topic. */
  async function mention(spanId: string): Promise<void> {
    const advisor = await stack.client(ORG, 'advisor');
    const entityId = `entity-${spanId.slice(-8)}`;
    await advisor('POST', '/v1/entities', { entityId, kind: 'Client', label: 'Client' });
    await advisor('POST', `/v1/entities/${entityId}/mentions`, { mentionId: `mention-${entityId}`, spanId });
  }

  async function claimsSpans(): Promise<number> {
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM claims_spans WHERE org_id = $1', [ORG]);
    return Number(rows[0].n);
  }

  it('a claims process killed mid-stream resumes from its committed offsets, every event applied once', async () => {
    await ingestAndPin();
    await waitUntilCaughtUp(stack.database.url, 'claims', ORG);
    await stack.running.get('claims')?.stop('SIGKILL');

    const spans = [];
    for (let i = 0; i < 5; i++) spans.push(await ingestAndPin());
    const missed = await inboxState(stack.database.url, 'claims', ORG);
    expect(missed.received).toBeLessThan(missed.published);

    await stack.start('claims');
    const caughtUp = await waitUntilCaughtUp(stack.database.url, 'claims', ORG);
    expect(caughtUp.received).toBe(caughtUp.published);
    expect(await claimsSpans()).toBe(6);
    await mention(spans[spans.length - 1]);
  });

  it('a broker outage stops delivery, not writes; when the broker returns, everything arrives once', async () => {
    const before = await inboxState(stack.database.url, 'claims', ORG);
    await stack.broker.down();
    const spans = [];
    for (let i = 0; i < 3; i++) spans.push(await ingestAndPin());

    // Writes succeed while the relay holds the events back: the backlog grows, nothing is consumed.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await readRelayBacklog(pool, 'evidence')).toBeGreaterThan(0);
    const during = await inboxState(stack.database.url, 'claims', ORG);
    expect(during.received).toBe(before.received);
    expect(during.published).toBeGreaterThan(before.published);

    await stack.broker.up();
    const after = await waitUntilCaughtUp(stack.database.url, 'claims', ORG, 60_000);
    expect(after.received).toBe(after.published);
    expect(await claimsSpans()).toBe(9);
    await mention(spans[2]);
    // The relay passes over claims' new events as well; once it has, nothing of evidence's waits.
    const deadline = Date.now() + 10_000;
    while ((await readRelayBacklog(pool, 'evidence')) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await readRelayBacklog(pool, 'evidence')).toBe(0);
  });
});
