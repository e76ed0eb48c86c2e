import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The repository's root, where `deploy/` and `runbooks/` are. */
export const ROOT = join(__dirname, '..', '..', '..');
export const RULES_FILE = join(ROOT, 'deploy', 'prometheus', 'alerts.yml');
export const RULE_TESTS_FILE = join(ROOT, 'deploy', 'prometheus', 'alerts.test.yml');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface RuleTests {
  tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts?: unknown[] }> }>;
}

export function readAlertRules(file = RULES_FILE): AlertRule[] {
  const document = parse(readFileSync(file, 'utf8')) as { groups: Array<{ rules: AlertRule[] }> };
  return document.groups.flatMap((group) => group.rules).filter((rule) => rule.alert !== undefined);
}

/** The alerts some unit test expects to fire (a non-empty `exp_alerts`). */
export function alertsTestedFiring(file = RULE_TESTS_FILE): Set<string> {
  const document = parse(readFileSync(file, 'utf8')) as RuleTests;
  return new Set(
    document.tests
      .flatMap((test) => test.alert_rule_test ?? [])
      .filter((check) => (check.exp_alerts ?? []).length > 0)
      .map((check) => check.alertname),
  );
}

/** GitHub's anchor of a Markdown heading: lower case, spaces to dashes, punctuation dropped. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings. */
export function anchorsIn(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));
}

/** Names of the processes' metrics in a text: the families they export, never Prometheus's own `up`. */
const METRIC_NAME = /\b(?:ledger|outbox|consumer|http_server|db_client)_[a-z0-9_]*[a-z0-9]\b/g;

export function metricNamesIn(text: string): Set<string> {
  return new Set(text.match(METRIC_NAME) ?? []);
}

/** Every metric the alert rules' expressions and the runbooks name. */
export function metricsNamedByAlertsAndRunbooks(): Map<string, string> {
  const named = new Map<string, string>();
  for (const rule of readAlertRules())
    for (const name of metricNamesIn(rule.expr)) named.set(name, `alert ${rule.alert}`);
  const runbooks = join(ROOT, 'runbooks');
  for (const file of readdirSync(runbooks).filter((f) => f.endsWith('.md'))) {
    // Names in code spans, leaving out SQL, where ledger and inbox tables share the prefixes.
    const spans = [...readFileSync(join(runbooks, file), 'utf8').matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
    for (const span of spans.filter((text) => !/\b(SELECT|FROM|UPDATE|INSERT)\b/i.test(text))) {
      for (const name of metricNamesIn(span)) if (!named.has(name)) named.set(name, `runbooks/${file}`);
    }
  }
  return named;
}

/** The metric families and sample names of a Prometheus text exposition. */
export function scrapedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{| )/.exec(line);
    if (sample && !line.startsWith('#')) names.add(sample[1]);
    const family = /^# TYPE (\S+) /.exec(line);
    if (family) names.add(family[1]);
  }
  return names;
}
