import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceRole } from '@ledger/host';
import { SERVICES } from '@ledger/registry';
import { buildOverlay } from './checkManifests';
import type { KubeObject } from './kubeSchemas';

/**
 * The Kubernetes manifests of k8s/: every overlay built by kubectl's kustomize and checked
 * against the Kubernetes API schema (checkManifests, as CI runs it), and what they deploy held to
 * the service registry. Needs kubectl (Debian's kubernetes-client; .ci/run installs it).
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const CHECK = join(__dirname, 'checkManifests.ts');
const OVERLAYS = ['pilot', 'staging', 'prod'];

jest.setTimeout(120_000);

function check(...overlays: string[]) {
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), CHECK, ...overlays], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout.trim(), problems: run.stderr.split('\n').filter(Boolean) };
}

beforeAll(() => {
  try {
    execFileSync(process.env.KUBECTL || 'kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    throw new Error('kubectl is missing: apt-get install -y kubernetes-client (.ci/run installs it)');
  }
});

describe('k8s/', () => {
  it('builds every overlay, each object valid against the Kubernetes API schema', () => {
    const { code, stdout, problems } = check();
    expect(problems).toEqual([]);
    expect(stdout).toMatch(/^k8s: 3 overlays, \d+ objects, 0 problems$/);
    expect(code).toBe(0);
  });

  it('names the object and the rule of each problem in an overlay that breaks the schema or the policy', () => {
    const folder = join(ROOT, 'k8s', `.check-${process.pid}`);
    mkdirSync(folder);
    try {
      writeFileSync(join(folder, 'kustomization.yaml'), 'bases:\n  - ../base\npatchesStrategicMerge:\n  - bad.yaml\n');
      writeFileSync(
        join(folder, 'bad.yaml'),
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata: {name: claims}',
          'spec:',
          '  replicas: three',
          '  template:',
          '    spec:',
          '      containers:',
          '        - {name: claims, readinessProbe: null, resources: {limits: {memory: null}}}',
        ].join('\n'),
      );
      const name = `.check-${process.pid}`;
      expect(check(folder)).toEqual({
        code: 1,
        stdout: 'k8s: 1 overlays, 27 objects, 3 problems',
        problems: [
          `${name}: Deployment/claims: at /spec/replicas must be integer`,
          `${name}: Deployment/claims: container claims has no memory limits`,
          `${name}: Deployment/claims: container claims has no readiness probe`,
        ],
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  describe.each(OVERLAYS)('the %s overlay', (overlay) => {
    let objects: KubeObject[];
    beforeAll(() => (objects = buildOverlay(join(ROOT, 'k8s', 'overlays', overlay))));
    const named = (kind: string) => objects.filter((object) => object.kind === kind);
    const container = (deployment: KubeObject) => (deployment.spec as any).template.spec.containers[0];
    const env = (deployment: KubeObject) =>
      Object.fromEntries(
        container(deployment).env.map((entry: { name: string; value?: string }) => [entry.name, entry.value]),
      );

    it('deploys each service of the registry in production mode, on its own login, with its secrets as files', () => {
      const deployments = named('Deployment');
      expect(deployments.map((deployment) => deployment.metadata?.name).sort()).toEqual(
        SERVICES.map((service) => service.name).sort(),
      );
      const config = named('ConfigMap').find((map) => map.metadata?.name?.startsWith('ledger-config-'));
      expect(config?.data).toMatchObject({
        LEDGER_ENV: 'production',
        TOPOLOGY: 'multi-node',
        KAFKA_IDEMPOTENT: 'true',
      });
      expect(JSON.stringify(config?.data)).not.toMatch(/PASSWORD|MASTER_KEYS|SIGNING_KEYS|DEV_TOKEN/);
      for (const service of SERVICES) {
        const deployment = deployments.find((candidate) => candidate.metadata?.name === service.name)!;
        const login = `${serviceRole(service).replace(/^svc_/, '')}_app`;
        expect(env(deployment)).toMatchObject({
          SERVICES: service.name,
          DATABASE_URL: `postgres://${login}@$(POSTGRES_HOST):$(POSTGRES_PORT)/$(POSTGRES_DB)`,
          DATABASE_PASSWORD_FILE: '/run/secrets/ledger/database/password',
          LEDGER_MASTER_KEYS_FILE: '/run/secrets/ledger/master/master-keys',
        });
        expect('LEDGER_SIGNING_KEYS_FILE' in env(deployment)).toBe(service.name === 'audit');
        expect(readFileSync(join(ROOT, 'k8s/base/postgres/service-logins.sql'), 'utf8')).toContain(`'${login}'`);
      }
    });

    it('runs the migrations as a job, due erasures as a daily job, and each service behind a budget, a Service and, where it scales out, an autoscaler', () => {
      const [job] = named('Job');
      expect(job.metadata?.name).toBe('migrate');
      expect((job.spec as any).template.spec.initContainers[0].command).toEqual(
        expect.arrayContaining(['tools/ledger-cli/src/main.ts', 'migrate']),
      );
      const [cronJob] = named('CronJob');
      expect((cronJob.spec as any).jobTemplate.spec.template.spec.containers[0].command).toEqual(
        expect.arrayContaining(['erasure', 'apply-due', '--all-orgs']),
      );
      for (const kind of ['Service', 'PodDisruptionBudget']) {
        expect(
          named(kind)
            .map((object) => object.metadata?.name)
            .sort(),
        ).toEqual(SERVICES.map((service) => service.name).sort());
      }
      expect(
        named('HorizontalPodAutoscaler')
          .map((object) => object.metadata?.name)
          .sort(),
      ).toEqual(['evidence', 'meeting-prep']);
      expect(new Set(objects.map((object) => object.metadata?.namespace))).toEqual(new Set([`ledger-${overlay}`]));
    });
  });
});
