import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardQueries, dataPanels, metricsNamedByDashboards, readDashboards } from './dashboards';
import { metricNamesIn } from './alertRules';

/** Parentheses, brackets and braces outside quoted label values close in order. */
function balanced(expr: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quoted = false;
  for (const char of expr) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if ('([{'.includes(char)) stack.push(char);
    else if (char in pairs && stack.pop() !== pairs[char]) return false;
  }
  return stack.length === 0 && !quoted;
}

describe('the Grafana dashboards', () => {
  const dashboards = readDashboards();

  it('are the five of the monitoring stack, each valid JSON with a unique uid and a title', () => {
    expect(dashboards.map((dashboard) => dashboard.file)).toEqual([
      'kafka-pipeline.json',
      'ledger-sequencer.json',
      'projections.json',
      'service-overview.json',
      'tamper-evidence.json',
    ]);
    const uids = dashboards.map((dashboard) => dashboard.uid);
    expect(uids.every((uid) => uid.length > 0)).toBe(true);
    expect(new Set(uids).size).toBe(uids.length);
    expect(dashboards.every((dashboard) => dashboard.title.length > 0)).toBe(true);
  });

  it('give every panel at least one query', () => {
    const empty = dashboards.flatMap((dashboard) =>
      dataPanels(dashboard)
        .filter((panel) => (panel.targets ?? []).length === 0)
        .map((panel) => `${dashboard.file} "${panel.title}"`),
    );
    expect(empty).toEqual([]);
    expect(dashboards.every((dashboard) => dataPanels(dashboard).length > 0)).toBe(true);
  });

  it("write every query as balanced PromQL naming a metric the processes export (or Prometheus's own up)", () => {
    const queries = dashboardQueries(dashboards);
    expect(queries.length).toBeGreaterThan(0);
    const names = (expr: string) => metricNamesIn(expr).size + (/\bup\{/.test(expr) ? 1 : 0);
    const unparsable = queries.filter((query) => !balanced(query.expr) || names(query.expr) === 0);
    expect(unparsable).toEqual([]);
  });

  it('refuse a dashboard file that is not JSON, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dashboards-'));
    try {
      writeFileSync(join(dir, 'broken.json'), '{"uid": "x", "panels": [');
      expect(() => readDashboards(dir)).toThrow(/^broken\.json: not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('name the metrics of every area the issue asks for, and no org id label', () => {
    const named = [...metricsNamedByDashboards(dashboards).keys()];
    expect(named).toEqual(
      expect.arrayContaining([
        'http_server_request_duration_count',
        'http_server_request_duration_bucket',
        'ledger_append_duration_count',
        'ledger_sequencer_oldest_unsequenced_age',
        'ledger_projection_lag_seconds',
        'ledger_projection_failed_orgs',
        'outbox_backlog_events',
        'consumer_lag',
        'consumer_messages_total',
        'ledger_verification_failures_total',
        'ledger_tree_head_age_seconds',
        'ledger_events_skipped_total',
        'ledger_append_conflicts_total',
        'ledger_projection_failures_total',
      ]),
    );
    const orgLabels = dashboardQueries(dashboards).filter((query) => /\borg(_id)?\b/.test(query.expr));
    expect(orgLabels).toEqual([]);
  });
});
