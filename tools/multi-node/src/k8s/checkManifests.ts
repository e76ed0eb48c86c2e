/**
 * `npm run k8s:check [-- OVERLAY…]`: builds each kustomize overlay (default: every folder of
 * k8s/overlays) with `kubectl kustomize` and checks every object it yields against the
 * Kubernetes API schema (the `kubernetes-models` validators, generated from the API's OpenAPI
 * document), then what the schema cannot say: probes and resources on every container, the
 * monitoring and login files equal to deploy/'s. One line per problem; exit 1 when there is any.
 * KUBECTL names the kubectl to use (default: the one on PATH).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { copiedFiles } from './copiedFiles';
import { loadValidators, type KubeObject, type Validator } from './kubeSchemas';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

interface Container {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
}

function podSpec(object: KubeObject): { containers?: Container[]; initContainers?: Container[] } | undefined {
  const spec = object.spec as Record<string, any> | undefined;
  if (object.kind === 'CronJob') return spec?.jobTemplate?.spec?.template?.spec;
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind)) return spec?.template?.spec;
  return undefined;
}

/** What the schema cannot require: requests and limits everywhere, probes on long-running pods. */
function policyProblems(object: KubeObject): string[] {
  const pod = podSpec(object);
  if (!pod) return [];
  const problems: string[] = [];
  for (const container of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    const where = `container ${container.name}`;
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (!container.resources?.[kind]?.[resource]) problems.push(`${where} has no ${resource} ${kind}`);
      }
    }
    if (object.kind === 'Deployment' && pod.containers?.includes(container)) {
      if (!container.readinessProbe) problems.push(`${where} has no readiness probe`);
      if (!container.livenessProbe) problems.push(`${where} has no liveness probe`);
    }
  }
  return problems;
}

export function buildOverlay(overlay: string, kubectl = process.env.KUBECTL || 'kubectl'): KubeObject[] {
  const text = execFileSync(kubectl, ['kustomize', overlay], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

export function overlayProblems(objects: readonly KubeObject[], validators: Map<string, Validator>): string[] {
  return objects.flatMap((object) => {
    const name = `${object.kind}/${object.metadata?.name ?? '?'}`;
    const validate = validators.get(`${object.apiVersion} ${object.kind}`);
    if (!validate) return [`${name}: ${object.apiVersion} ${object.kind} is not a known Kubernetes API kind`];
    return [...validate(object), ...policyProblems(object)].map((problem) => `${name}: ${problem}`);
  });
}

function copyProblems(): string[] {
  return copiedFiles(ROOT)
    .filter(({ original, copy }) => readFileSync(original, 'utf8') !== readFileSync(copy, 'utf8'))
    .map(
      ({ original, copy }) => `${relative(ROOT, copy)} differs from ${relative(ROOT, original)}: run npm run k8s:sync`,
    );
}

async function main(args: string[]): Promise<number> {
  const validators = await loadValidators();
  const overlaysDir = join(ROOT, 'k8s', 'overlays');
  const overlays =
    args.length > 0 ? args.map((arg) => resolve(arg)) : readdirSync(overlaysDir).map((name) => join(overlaysDir, name));
  const problems = copyProblems();
  let count = 0;
  for (const overlay of overlays) {
    let objects: KubeObject[];
    try {
      objects = buildOverlay(overlay);
    } catch (error) {
      // kustomize's deprecation warnings name the v2 fields kept for kubectl 1.20; the error is the rest.
      const stderr = (error as { stderr?: Buffer | string }).stderr?.toString() ?? '';
      const reason = stderr
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('# Warning'))
        .join(' ');
      problems.push(`${basename(overlay)}: kubectl kustomize failed: ${reason || (error as Error).message}`);
      continue;
    }
    count += objects.length;
    problems.push(...overlayProblems(objects, validators).map((problem) => `${basename(overlay)}: ${problem}`));
  }
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stdout.write(`k8s: ${overlays.length} overlays, ${count} objects, ${problems.length} problems\n`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
