import { Client } from 'pg';
import { overwriteActor, tamper } from '@ledger/ledger/testing';
import { startAlertingTestKit, sleep, JOB, type AlertingTestKit } from './alertingTestKit';
import { POISONED_ORG, TRIPWIRE_PROJECTION } from './fixture/tripwire';

/**
 * The deployed alert rules, evaluated by a real Prometheus scraping a running Ledger process and
 * routed by a real Alertmanager to a webhook in this test: each failure below is caused for real,
 * its alert must reach the webhook as firing, and as resolved once the failure is removed. Only
 * the rules' `for:` is shortened; the expressions are the deployed ones, so their own thresholds
 * and windows (an event unsequenced for a minute, the peak gauge's minute) still take their time.
 * The seconds from failure to webhook go to outputs/alerts/firing.json.
 */
const ORG = 'org-alerting';
/** Who made the org's first event: the advisor token's subject (`AlertingTestKit.call`). */
const ADVISOR_ACTOR = 'user-advisor';

const ACCOUNT = 'acct-1';
/**
 * The route of the write held back. Its series must exist before (a rate cannot see the first
 * sample's count): one ingest in the set-up, and none of the set-up's other slow starts in it.
 */
const SLOW_ROUTE = '/v1/documents/ingest';

function message(messageId: string) {
  return {
    providerAccountId: ACCOUNT,
    messageId,
    threadId: `thr-${messageId}`,
    internalDate: Date.UTC(2026, 5, 1),
    historyId: 'h-1',
    from: 'client@example.test',
    to: ['advisor@example.test'],
    cc: [],
    subject: 'Quarterly review',
    body: 'Agenda for the quarterly review.',
  };
}

describe('alerts fire on real failures of a running process and resolve once they are removed', () => {
  let kit: AlertingTestKit;
  let messages = 0;
  const ingest = (orgId: string) => kit.created(SLOW_ROUTE, orgId, message(`m-${++messages}`));

  beforeAll(async () => {
    kit = await startAlertingTestKit('alerts_process');
    for (const orgId of [ORG, POISONED_ORG]) {
      await kit.created('/v1/provider-accounts', orgId, { id: ACCOUNT, provider: 'gmail', label: 'Work' });
    }
    await ingest(ORG);
    // Healthy to begin with: scraped, and nothing pending or firing (a request slower than the
    // latency objective in a start-up on a busy machine may page for another route: left out).
    await kit.monitoring.waitForQuery(`up{job="${JOB}"}`, (values) => values.length === 1 && values[0] === 1);
    await kit.monitoring.waitForQuery(`http_server_request_duration_count{http_route="${SLOW_ROUTE}"}`, (values) =>
      values.some((value) => value >= 1),
    );
    expect(await kit.monitoring.query('ALERTS{alertname!="HttpLatencyOverSlo"}')).toEqual([]);
    expect(await kit.monitoring.query(`ALERTS{http_route="${SLOW_ROUTE}"}`)).toEqual([]);
  }, 240_000);

  afterAll(() => kit?.close(), 60_000);

  it('LedgerSequencerStalled and HttpLatencyOverSlo: a transaction held open stops sequencing while events are appended', async () => {
    const holder = new Client({ connectionString: kit.database.url });
    await holder.connect();
    try {
      // A transaction with an id: no event committed after it began is sequenced before it ends.
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      const injected = Date.now();
      // Committed and answered, once it has waited out its read-your-writes timeout: a slow write.
      await ingest(ORG);
      const [stalledFired, latencyFired] = await Promise.all([
        kit.fired('LedgerSequencerStalled', injected),
        kit.fired('HttpLatencyOverSlo', injected, { http_route: SLOW_ROUTE }),
      ]);

      const removed = Date.now();
      await holder.query('COMMIT');
      // Writes are fast again: enough of them bring the route's p99 back under the objective.
      const resolving = Promise.all([
        kit.resolved('LedgerSequencerStalled', removed),
        // However slow the machine is for the writes meant to dilute it, the slow one leaves the
        // rule's five-minute window within five minutes of its answer.
        kit.resolved('HttpLatencyOverSlo', removed, { http_route: SLOW_ROUTE }, 300_000),
      ]);
      let done = false;
      void resolving.finally(() => (done = true)).catch(() => undefined);
      // One at a time: on a busy machine, concurrent writes would queue past the objective themselves.
      while (!done && messages < 3_000) await ingest(ORG);
      const [stalledResolved, latencyResolved] = await resolving;
      kit.record.add('LedgerSequencerStalled', 'a transaction held open while an event is appended', {
        injected,
        fired: stalledFired,
        removed,
        resolved: stalledResolved,
      });
      kit.record.add('HttpLatencyOverSlo', 'a transaction held open: an append waits 5 s for its projections', {
        injected,
        fired: latencyFired,
        removed,
        resolved: latencyResolved,
      });
    } finally {
      await holder.end();
    }
  }, 480_000);

  it("LedgerProjectionFailed: a projection's handler fails on one org's event; skipping the event resolves it", async () => {
    const injected = Date.now();
    await ingest(POISONED_ORG);
    const fired = await kit.fired('LedgerProjectionFailed', injected);
    const status = await kit.call('GET', '/v1/audit/projections', POISONED_ORG, 'operator');
    const items = ((await status.json()) as { items: Array<{ projection: string; status: string }> }).items;
    expect(items.find((item) => item.projection === TRIPWIRE_PROJECTION)?.status).toBe('failed');

    const removed = Date.now();
    const skipped = await kit.call(
      'POST',
      `/v1/audit/projections/${TRIPWIRE_PROJECTION}/skip`,
      POISONED_ORG,
      'operator',
      {
        reason: 'INC-1 poison event',
      },
    );
    expect(skipped.status).toBe(200);
    const resolved = await kit.resolved('LedgerProjectionFailed', removed);
    kit.record.add('LedgerProjectionFailed', "a handler fails on one org's event; the event skipped", {
      injected,
      fired,
      removed,
      resolved,
    });
  }, 420_000);

  it('LedgerProcessDown: the process killed; started again', async () => {
    const injected = Date.now();
    await kit.service.kill();
    const fired = await kit.fired('LedgerProcessDown', injected);
    const removed = Date.now();
    await kit.restartService();
    const resolved = await kit.resolved('LedgerProcessDown', removed);
    kit.record.add('LedgerProcessDown', 'the process killed (SIGKILL); started again', {
      injected,
      fired,
      removed,
      resolved,
    });
  }, 420_000);

  it('LedgerVerificationFailure: a tampered row found by the audit verification; the row restored and the process restarted', async () => {
    const injected = Date.now();
    await tamper(kit.owner, (client) => overwriteActor(client, ORG, 1, 'mallory'));
    const verified = await kit.call('GET', '/v1/audit/verify', ORG, 'compliance');
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { ok: boolean }).ok).toBe(false);
    const fired = await kit.fired('LedgerVerificationFailure', injected);

    // The finding counts for as long as the process that made it runs (the rule's own comment).
    const removed = Date.now();
    await tamper(kit.owner, (client) => overwriteActor(client, ORG, 1, ADVISOR_ACTOR));
    await kit.service.stop();
    await kit.restartService();
    const resolved = await kit.resolved('LedgerVerificationFailure', removed);
    const clean = await kit.call('GET', '/v1/audit/verify', ORG, 'compliance');
    expect(((await clean.json()) as { ok: boolean }).ok).toBe(true);
    // The new run's verification is scraped with no finding, and does not fire again.
    await kit.monitoring.waitForQuery(
      'sum(ledger_verification_failures_total)',
      (values) => values.length === 1 && values[0] === 0,
    );
    await sleep(5_000);
    expect(await kit.monitoring.query('ALERTS{alertname="LedgerVerificationFailure"}')).toEqual([]);
    kit.record.add(
      'LedgerVerificationFailure',
      'a ledger row tampered with, then verified; restored, process restarted',
      {
        injected,
        fired,
        removed,
        resolved,
      },
    );
  }, 420_000);
});
