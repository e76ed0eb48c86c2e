import { readTelemetryConfig, TelemetryConfigError } from './telemetryConfig';

describe('readTelemetryConfig', () => {
  it('exports over OTLP only once an endpoint or an exporter variable asks for it', () => {
    expect(readTelemetryConfig({})).toMatchObject({ traces: false, metrics: false, disabled: false });
    expect(readTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      traces: true,
      metrics: true,
    });
    expect(readTelemetryConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toMatchObject({
      traces: true,
      metrics: false,
    });
    expect(
      readTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_METRICS_EXPORTER: 'none' }),
    ).toMatchObject({ traces: true, metrics: false });
    expect(readTelemetryConfig({ OTEL_TRACES_EXPORTER: 'otlp' })).toMatchObject({ traces: true, metrics: false });
    expect(readTelemetryConfig({ OTEL_SDK_DISABLED: 'true' }).disabled).toBe(true);
  });

  it('serves /metrics on 127.0.0.1:9464 unless told otherwise, 0 meaning any free port', () => {
    expect(readTelemetryConfig({}).prometheus).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(
      readTelemetryConfig({ OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0', OTEL_EXPORTER_PROMETHEUS_PORT: '0' }).prometheus,
    ).toEqual({ host: '0.0.0.0', port: 0 });
  });

  it.each([
    [{ OTEL_EXPORTER_PROMETHEUS_PORT: 'nine' }, 'OTEL_EXPORTER_PROMETHEUS_PORT'],
    [{ OTEL_EXPORTER_PROMETHEUS_PORT: '70000' }, 'OTEL_EXPORTER_PROMETHEUS_PORT'],
    [{ OTEL_TRACES_EXPORTER: 'zipkin' }, 'OTEL_TRACES_EXPORTER'],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL'],
    [{ OTEL_METRIC_EXPORT_INTERVAL: '5' }, 'OTEL_METRIC_EXPORT_INTERVAL'],
  ])('refuses %j, naming the variable', (env, variable) => {
    expect(() => readTelemetryConfig(env)).toThrow(TelemetryConfigError);
    expect(() => readTelemetryConfig(env)).toThrow(variable);
  });
});
