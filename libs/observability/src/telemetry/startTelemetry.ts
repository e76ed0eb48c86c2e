import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { envDetector, hostDetector, resourceFromAttributes, serviceInstanceIdDetector } from '@opentelemetry/resources';
import { AggregationType, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { listenAdmin, type AdminServer } from './adminServer';
import { readTelemetryConfig, TelemetryConfigError, type TelemetryConfig } from './telemetryConfig';

export interface TelemetryOptions {
  /** `service.name`: `single-node`, the service of a multi-node process, `ledger-cli`. */
  serviceName: string;
  serviceVersion: string;
  env?: NodeJS.ProcessEnv;
}

export interface Telemetry {
  config: TelemetryConfig;
  /** Serves `/metrics` on the admin port (`OTEL_EXPORTER_PROMETHEUS_HOST`/`_PORT`); rejects when it is taken. */
  listenMetrics(): Promise<AdminServer>;
  /** Flushes what is buffered to OTLP and stops the providers and the admin port. */
  shutdown(): Promise<void>;
}

/** The semantic-conventions name, not yet exported as a stable constant. */
const ATTR_DEPLOYMENT_ENVIRONMENT = 'deployment.environment';

/**
 * Installs the OpenTelemetry SDK: the meter and tracer providers, the propagator and the
 * http and pg auto-instrumentation. Call it before anything loads `http` or `pg` (before Nest):
 * the instrumentation patches modules as they are required, and a meter taken from the API
 * before a provider is registered stays a no-op.
 *
 * Resource: `service.name`, `service.version`, `deployment.environment` (default `development`;
 * `OTEL_RESOURCE_ATTRIBUTES` overrides), the host name and an instance id. The process detector is
 * left out: it would export the command line and the OS user.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const env = options.env ?? process.env;
  const config = readTelemetryConfig(env);
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const readers: IMetricReader[] = [prometheus];
  if (config.metrics) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter(),
        exportIntervalMillis: config.metricExportIntervalMs,
        exportTimeoutMillis: Math.min(30000, config.metricExportIntervalMs),
      }),
    );
  }
  const sdk = config.disabled
    ? undefined
    : new NodeSDK({
        resource: resourceFromAttributes({
          [ATTR_SERVICE_NAME]: options.serviceName,
          [ATTR_SERVICE_VERSION]: options.serviceVersion,
          [ATTR_DEPLOYMENT_ENVIRONMENT]: 'development',
        }),
        resourceDetectors: [hostDetector, serviceInstanceIdDetector, envDetector],
        metricReaders: readers,
        // The pg instrumentation's pool metrics name every pool `unknown_host:unknown_port/unknown_database`
        // (a connection string leaves the options it reads empty) and share one running count across
        // pools; `createPool({ name })` of @ledger/ledger measures each pool by purpose instead.
        views: [
          {
            meterName: '@opentelemetry/instrumentation-pg',
            instrumentName: 'db.client.connection.*',
            aggregation: { type: AggregationType.DROP },
          },
        ],
        // An empty list, not undefined: undefined would let the SDK pick exporters from the environment itself.
        spanProcessors: [],
        ...(config.traces ? { traceExporter: new OTLPTraceExporter(), spanProcessors: undefined } : {}),
        logRecordProcessors: [],
        instrumentations: [
          new HttpInstrumentation({
            // Health probes and scrapes would drown the traces of real requests.
            ignoreIncomingRequestHook: (request) => (request.url ?? '').startsWith('/health/'),
          }),
          // Statements without their values, and only inside a traced operation: the workers' polls stay out.
          new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
        ],
      });
  sdk?.start();
  let admin: AdminServer | undefined;
  return {
    config,
    async listenMetrics() {
      admin ??= await listenAdmin(prometheus, config.prometheus.host, config.prometheus.port);
      return admin;
    },
    async shutdown() {
      await admin?.close();
      await sdk?.shutdown();
    },
  };
}

/**
 * `startTelemetry` for a process entry point: a bad `OTEL_*` setting is refused in one line on
 * stderr (`<refusal>: <reason>`) and exit code 1, like the process's other settings.
 */
export function startTelemetryOrExit(options: TelemetryOptions, refusal: string): Telemetry {
  try {
    return startTelemetry(options);
  } catch (error) {
    if (!(error instanceof TelemetryConfigError)) throw error;
    process.stderr.write(`${refusal}: ${error.message}\n`);
    process.exit(1);
  }
}
