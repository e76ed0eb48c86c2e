import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '@ledger/observability';

/**
 * kafkajs's log lines through our logger, keeping only what identifies the problem (namespace,
 * message, error, broker): its extra fields can carry request contents.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, error, broker } = log as { message: string; error?: unknown; broker?: unknown };
      const line = { kafka: namespace, error, broker };
      if (level <= logLevel.ERROR) logger.error(line, message);
      else if (level === logLevel.WARN) logger.warn(line, message);
      else logger.debug(line, message);
    };
}
