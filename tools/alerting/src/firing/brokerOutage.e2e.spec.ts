import { startMultiNodeStack, type MultiNodeStack } from '@ledger/multi-node/testing';
import type { ApiCall } from '@ledger/single-node/demo';
import { FIRING_CONTEXT, FIRING_JSON, HOLD_FOR } from './alertingTestKit';
import { FiringRecord } from './firingRecord';
import { startMonitoringStack, type MonitoringStack } from './monitoringStack';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

/**
 * Multi-node: the Kafka broker goes down while the evidence service keeps taking writes. The
 * deployed OutboxRelayBacklogGrowing rule (only its `for:` shortened), evaluated by a real
 * Prometheus scraping the evidence process and routed by a real Alertmanager to a webhook here,
 * must fire once more than 1,000 events wait for the relay and keep growing, and resolve once the
 * broker is back and the relay has published them.
 */
const JOB = 'ledger-evidence';
const ORG = 'org-alerting';
/** Over the rule's 1,000: each registration is one event for the relay. */
const WRITES = 1_100;
const CONCURRENCY = 8;
const TIMEOUT_MS = 200_000;

describe('alerts fire when the broker is down under multi-node and resolve once it is back', () => {
  const record = new FiringRecord();
  let stack: MultiNodeStack;
  let webhook: WebhookReceiver;
  let monitoring: MonitoringStack;
  let advisor: ApiCall;

  beforeAll(async () => {
    stack = await startMultiNodeStack(['evidence']);
    webhook = await startWebhookReceiver();
    const evidence = stack.running.get('evidence');
    if (!evidence) throw new Error('the evidence service is not running');
    monitoring = await startMonitoringStack({
      jobs: [{ job: JOB, target: new URL(evidence.metricsUrl).host }],
      webhookUrl: webhook.url,
      holdFor: HOLD_FOR,
    });
    advisor = await stack.client(ORG, 'advisor');
    await monitoring.waitForQuery(`up{job="${JOB}"}`, (values) => values.length === 1 && values[0] === 1);
    await monitoring.waitForQuery(
      'outbox_backlog_events',
      (values) => values.length > 0 && values.every((v) => v === 0),
    );
    expect(await monitoring.query('ALERTS')).toEqual([]);
  }, 240_000);

  afterAll(async () => {
    record.publish(FIRING_JSON, FIRING_CONTEXT);
    await monitoring?.stop();
    await webhook?.close();
    await stack?.close();
  }, 60_000);

  it('OutboxRelayBacklogGrowing: the broker down while writes go on; the broker back', async () => {
    const injected = Date.now();
    await stack.broker.down();
    // Writes still succeed: the events wait in the ledger for the relay.
    let next = 0;
    const writer = async () => {
      while (next < WRITES) {
        const id = `acct-${++next}`;
        await advisor('POST', '/v1/provider-accounts', { id, provider: 'gmail', label: 'Work' });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, writer));
    const fired = (await webhook.waitFor('OutboxRelayBacklogGrowing', 'firing', injected, TIMEOUT_MS)).receivedAt;
    expect(Math.max(...(await monitoring.query('outbox_backlog_events')))).toBeGreaterThan(1_000);

    const removed = Date.now();
    await stack.broker.up();
    const resolved = (await webhook.waitFor('OutboxRelayBacklogGrowing', 'resolved', removed, TIMEOUT_MS)).receivedAt;
    await monitoring.waitForQuery('outbox_backlog_events', (values) => values.every((v) => v === 0));
    record.add('OutboxRelayBacklogGrowing', 'the Kafka broker down (multi-node) while 1,100 events are appended', {
      injected,
      fired,
      removed,
      resolved,
    });
  }, 420_000);
});
