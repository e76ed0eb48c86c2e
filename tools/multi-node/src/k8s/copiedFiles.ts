import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files of deploy/ that k8s/base carries a copy of: kustomize reads files only from below a
 * kustomization's folder, and deploy/ stays the one place they are edited.
 */
export function copiedFiles(root: string): { original: string; copy: string }[] {
  const dashboards = join(root, 'deploy', 'grafana', 'dashboards');
  return [
    { original: join(root, 'deploy/prometheus/alerts.yml'), copy: join(root, 'k8s/base/monitoring/alerts.yml') },
    {
      original: join(root, 'deploy/postgres/service-logins.sql'),
      copy: join(root, 'k8s/base/postgres/service-logins.sql'),
    },
    ...readdirSync(dashboards)
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ original: join(dashboards, name), copy: join(root, 'k8s/base/monitoring/dashboards', name) })),
  ];
}
