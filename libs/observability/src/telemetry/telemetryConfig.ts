/**
 * What the standard `OTEL_*` variables ask of a process. OTLP export is on when an exporter
 * variable names `otlp`, or, with no exporter variable, when an OTLP endpoint is configured: a
 * development process without a collector does not retry a missing one every few seconds.
 * The Prometheus endpoint is always served (on the admin port), beside OTLP.
 */
export interface TelemetryConfig {
  /** `OTEL_SDK_DISABLED=true`: no provider at all, every instrument a no-op. */
  disabled: boolean;
  traces: boolean;
  metrics: boolean;
  /** Milliseconds between OTLP metric exports (`OTEL_METRIC_EXPORT_INTERVAL`, default 60000). */
  metricExportIntervalMs: number;
  prometheus: { host: string; port: number };
}

export class TelemetryConfigError extends Error {}

const DEFAULT_PROMETHEUS_PORT = 9464;

function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
}

function exporterOn(env: NodeJS.ProcessEnv, variable: string, endpointVariable: string): boolean {
  const named = listOf(env[variable]);
  if (named) {
    const unknown = named.filter((name) => !['otlp', 'none', 'prometheus'].includes(name));
    if (unknown.length > 0) {
      throw new TelemetryConfigError(`${variable} must name otlp, prometheus or none, not "${unknown.join(',')}"`);
    }
    return named.includes('otlp');
  }
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env[endpointVariable]?.trim());
}

function portOf(env: NodeJS.ProcessEnv): number {
  const text = env.OTEL_EXPORTER_PROMETHEUS_PORT?.trim();
  if (!text) return DEFAULT_PROMETHEUS_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new TelemetryConfigError(`OTEL_EXPORTER_PROMETHEUS_PORT must be a port number (0 for any), not "${text}"`);
  }
  return port;
}

function intervalOf(env: NodeJS.ProcessEnv): number {
  const text = env.OTEL_METRIC_EXPORT_INTERVAL?.trim();
  if (!text) return 60000;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 100) {
    throw new TelemetryConfigError(`OTEL_METRIC_EXPORT_INTERVAL must be milliseconds (at least 100), not "${text}"`);
  }
  return ms;
}

export function readTelemetryConfig(env: NodeJS.ProcessEnv): TelemetryConfig {
  const protocol = env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim();
  if (protocol && protocol !== 'http/protobuf') {
    throw new TelemetryConfigError(`OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf, not "${protocol}"`);
  }
  return {
    disabled: env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true',
    traces: exporterOn(env, 'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
    metrics: exporterOn(env, 'OTEL_METRICS_EXPORTER', 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT'),
    metricExportIntervalMs: intervalOf(env),
    prometheus: { host: env.OTEL_EXPORTER_PROMETHEUS_HOST?.trim() || '127.0.0.1', port: portOf(env) },
  };
}
