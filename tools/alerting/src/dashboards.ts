import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, metricNamesIn } from './alertRules';

export const DASHBOARDS_DIR = join(ROOT, 'deploy', 'grafana', 'dashboards');

export interface DashboardQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

interface Panel {
  title?: string;
  type?: string;
  targets?: Array<{ expr?: unknown }>;
  panels?: Panel[];
}

export interface Dashboard {
  file: string;
  uid: string;
  title: string;
  panels: Panel[];
}

/** Every dashboard JSON file; a file that is not JSON throws with its name. */
export function readDashboards(dir = DASHBOARDS_DIR): Dashboard[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      let document: { uid?: unknown; title?: unknown; panels?: unknown };
      try {
        document = JSON.parse(text) as typeof document;
      } catch (error) {
        throw new Error(`${file}: not JSON (${(error as Error).message})`);
      }
      return {
        file,
        uid: String(document.uid ?? ''),
        title: String(document.title ?? ''),
        panels: Array.isArray(document.panels) ? (document.panels as Panel[]) : [],
      };
    });
}

/** The panels that draw something, rows' nested panels included (a row itself has no query). */
export function dataPanels(dashboard: Dashboard): Panel[] {
  const flat = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...flat(panel.panels ?? [])]);
  return flat(dashboard.panels).filter((panel) => panel.type !== 'row');
}

export function dashboardQueries(dashboards = readDashboards()): DashboardQuery[] {
  return dashboards.flatMap((dashboard) =>
    dataPanels(dashboard).flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({
        dashboard: dashboard.file,
        panel: panel.title ?? '',
        expr: typeof target.expr === 'string' ? target.expr : '',
      })),
    ),
  );
}

/** Every metric a dashboard query names, with the dashboard and panel that name it. */
export function metricsNamedByDashboards(dashboards = readDashboards()): Map<string, string> {
  const named = new Map<string, string>();
  for (const query of dashboardQueries(dashboards))
    for (const name of metricNamesIn(query.expr))
      if (!named.has(name)) named.set(name, `dashboard ${query.dashboard} "${query.panel}"`);
  return named;
}
