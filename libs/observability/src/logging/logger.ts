import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACTED, redactionPaths } from './redaction';

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

/**
 * Errors keep their type, stable code and message (ours carry ids, never content) but lose
 * the fields where drivers echo data back, and their stack stays in the log, not in responses.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return { type: error.name, code, message: error.message, stack: error.stack };
}

/** A JSON logger whose redaction removes personal fields before a line is written. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: options.service },
      redact: { paths: redactionPaths(), censor: REDACTED },
      serializers: { err: serializeError, error: serializeError },
    },
    options.destination,
  );
}

export type { Logger };
