import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertsTestedFiring, anchorsIn, readAlertRules, ROOT, RULE_TESTS_FILE, RULES_FILE } from './alertRules';

/** promtool, from Debian's `prometheus` package (`.ci/run` installs it when missing). */
function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { code?: string; stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error('promtool is not installed: apt-get install prometheus');
    throw new Error(`promtool ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

const REQUIRED_ALERTS = [
  'LedgerSequencerStalled',
  'LedgerProjectionFailed',
  'LedgerProjectionLag',
  'OutboxRelayBacklogGrowing',
  'ConsumerLag',
  'DeadLetterQueueNotEmpty',
  'LedgerVerificationFailure',
  'HttpErrorRatio',
  'HttpLatencyOverSlo',
  'LedgerDatabaseUnreachable',
];

describe('the Prometheus alert rules', () => {
  const rules = readAlertRules();

  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', RULES_FILE)).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it('pass promtool test rules, whose tests make every alert fire', () => {
    expect(promtool('test', 'rules', RULE_TESTS_FILE)).toContain('SUCCESS');
    const tested = alertsTestedFiring();
    expect(rules.map((rule) => rule.alert).filter((alert) => !tested.has(alert))).toEqual([]);
  });

  it('cover the failures on-call must hear of', () => {
    const names = new Set(rules.map((rule) => rule.alert));
    expect(REQUIRED_ALERTS.filter((alert) => !names.has(alert))).toEqual([]);
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))(
    '%s has a severity, a summary, a description and a runbook section that exists',
    (_name, rule) => {
      expect(['page', 'ticket']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.trim()).toBeTruthy();
      expect(rule.annotations?.description?.trim()).toBeTruthy();
      const [file, anchor] = (rule.annotations?.runbook_url ?? '').split('#');
      expect(file).toMatch(/^runbooks\/[a-z-]+\.md$/);
      const path = join(ROOT, file);
      expect(existsSync(path)).toBe(true);
      expect([...anchorsIn(readFileSync(path, 'utf8'))]).toContain(anchor);
    },
  );
});
