// The SDK side, apart from the main entry so that libraries creating spans and instruments load only the API.
export {
  startTelemetry,
  startTelemetryOrExit,
  type Telemetry,
  type TelemetryOptions,
} from './src/telemetry/startTelemetry';
export { readTelemetryConfig, TelemetryConfigError, type TelemetryConfig } from './src/telemetry/telemetryConfig';
export type { AdminServer } from './src/telemetry/adminServer';
