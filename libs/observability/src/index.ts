export { createLogger, type Logger, type LoggerOptions } from './logging/logger';
export { PERSONAL_FIELDS, REDACTED } from './logging/redaction';
export { inSpan, recordSpan, errorType, type SpanPlacement } from './tracing/inSpan';
export { recordInTraces, type InTracesOptions } from './tracing/batchSpans';
export {
  activeTraceparent,
  groupByTraceparent,
  linksTo,
  remoteParent,
  remoteSpanContext,
} from './tracing/traceContext';
export { PeakGauge } from './metrics/peakGauge';
