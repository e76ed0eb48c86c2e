import { readFileSync } from 'node:fs';
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
