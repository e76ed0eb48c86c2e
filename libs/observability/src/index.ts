export { createLogger, type Logger, type LoggerOptions } from './logging/logger';
export { PERSONAL_FIELDS, REDACTED } from './logging/redaction';
