import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface FiringMeasurement {
  alert: string;
  failure: string;
  /** Seconds from injecting the failure to the webhook's firing notification. */
  firingSeconds: number;
  /** Seconds from removing the failure to the webhook's resolved notification. */
  resolvedSeconds: number;
}

const seconds = (from: number, to: number) => Math.round((to - from) / 100) / 10;

/** The measurements of one run of the firing test, printed as a table and written as JSON. */
export class FiringRecord {
  readonly measurements: FiringMeasurement[] = [];

  add(alert: string, failure: string, times: { injected: number; fired: number; removed: number; resolved: number }) {
    this.measurements.push({
      alert,
      failure,
      firingSeconds: seconds(times.injected, times.fired),
      resolvedSeconds: seconds(times.removed, times.resolved),
    });
  }

  table(): string {
    const rows = [
      ['alert', 'failure injected', 'to firing (s)', 'to resolved (s)'],
      ...this.measurements.map((m) => [m.alert, m.failure, String(m.firingSeconds), String(m.resolvedSeconds)]),
    ];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n');
  }

  /** Prints the table and merges the measurements into `file`, when the run measured any. */
  publish(file: string, context: Record<string, string>): void {
    if (this.measurements.length === 0) return;
    process.stdout.write(`\nAlerts fired for real (seconds from failure to webhook):\n${this.table()}\n`);
    this.merge(file, context);
  }

  /**
   * Writes the measurements into `file`, replacing the entries of the same alerts and keeping the
   * others: each suite of the firing test measures its own alerts.
   */
  merge(file: string, context: Record<string, string>): void {
    mkdirSync(dirname(file), { recursive: true });
    const previous = existsSync(file)
      ? ((JSON.parse(readFileSync(file, 'utf8')) as { alerts?: FiringMeasurement[] }).alerts ?? [])
      : [];
    const measured = new Set(this.measurements.map((m) => m.alert));
    const alerts = [...previous.filter((m) => !measured.has(m.alert)), ...this.measurements];
    alerts.sort((a, b) => a.alert.localeCompare(b.alert));
    writeFileSync(file, `${JSON.stringify({ ...context, recordedAt: new Date().toISOString(), alerts }, null, 2)}\n`);
  }
}
