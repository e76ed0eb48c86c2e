export { createLogger, type Logger, type LoggerOptions } from './logging/logger';
export { PERSONAL_FIELDS, REDACTED } from './logging/redaction';
export { inSpan, recordSpan, errorType } from './tracing/inSpan';
export { PeakGauge } from './metrics/peakGauge';
