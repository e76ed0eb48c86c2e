import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './alertRules';

const PROMETHEUS_CONFIG = join(ROOT, 'deploy', 'prometheus', 'prometheus.yml');
const ALERTMANAGER_CONFIG = join(ROOT, 'deploy', 'alertmanager', 'alertmanager.yml');

/** promtool and amtool, from Debian's `prometheus` and `prometheus-alertmanager` (`.ci/run` installs them). */
function run(tool: string, ...args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { code?: string; stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error(`${tool} is not installed`);
    throw new Error(`${tool} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

interface PrometheusConfig {
  rule_files: string[];
  alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
  scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
}

describe('the compose stack monitoring configuration', () => {
  it('Prometheus: passes promtool check config, loading the alert rules beside it', () => {
    const output = run('promtool', 'check', 'config', PROMETHEUS_CONFIG);
    expect(output).toContain('is valid prometheus config file syntax');
    expect(output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("Prometheus: scrapes every service's admin port under a ledger job and alerts Alertmanager", () => {
    const config = parse(readFileSync(PROMETHEUS_CONFIG, 'utf8')) as PrometheusConfig;
    const targets = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((c) => c.targets)]),
    );
    expect(targets).toEqual({
      'ledger-evidence': ['evidence:9464'],
      'ledger-claims': ['claims:9464'],
      'ledger-meeting-prep': ['meeting-prep:9464'],
      'ledger-audit': ['audit:9464'],
    });
    expect(config.rule_files).toEqual(['alerts.yml']);
    expect(config.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((c) => c.targets))).toEqual([
      'alertmanager:9093',
    ]);
  });

  it('Alertmanager: passes amtool check-config', () => {
    expect(run('amtool', 'check-config', ALERTMANAGER_CONFIG)).toContain('SUCCESS');
  });
});
