import { createLogger } from '@ledger/observability';
import { Command, CommanderError } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import type { BusLogger } from '../consumer/consumerOptions';
import { replayDlq, type ReplayDlqReport } from './replayDlq';
import { missingTopics } from './missingTopics';

interface CliOptions {
  topic: string;
  eventId?: string;
  toTopic?: string;
  groupId?: string;
  brokers?: string;
  idempotent: boolean;
  timeoutMs: string;
  json?: boolean;
}

export interface ReplayCliIo {
  /** Receives the one-line JSON report. */
  out: (line: string) => void;
  err: (line: string) => void;
  /** Progress lines; JSON on stderr by default, so stdout holds the report alone. */
  logger?: BusLogger;
  /** A person reads stdout: the report is a sentence unless --json. */
  terminal?: boolean;
}

const defaultIo: ReplayCliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  terminal: process.stdout.isTTY === true,
};

/** The command's options and usage; exported so the runbooks' command lines are checked against it. */
export function replayDlqProgram(): Command {
  return new Command('replay-dlq')
    .description('Re-publish dead-lettered messages to their original topic once the cause is fixed')
    .requiredOption('--topic <dlqTopic>', 'the DLQ topic, e.g. todox.evidence.events.v1.dlq')
    .option('--event-id <id>', 'replay only this event (leaves the recorded progress unchanged)')
    .option('--to-topic <topic>', 'publish here instead of the original topic named in the message')
    .option('--group-id <id>', 'consumer group that records the replay position (default dlq-replay.<topic>)')
    .option('--brokers <list>', 'comma-separated bootstrap brokers (default $KAFKA_BROKERS)')
    .option('--no-idempotent', 'produce without idempotence (the librdkafka test broker cannot do it)')
    .option('--timeout-ms <ms>', 'give up when the DLQ is not read to its end by then', '120000')
    .option('--json', 'the report as one JSON line (the default when stdout is not a terminal), errors as JSON too')
    .exitOverride()
    .showHelpAfterError();
}

/** Runs the command and answers with an exit code; the report is one JSON line on `out`. */
export async function runReplayDlqCli(argv: string[], io: ReplayCliIo = defaultIo): Promise<number> {
  const program = replayDlqProgram().configureOutput({
    writeOut: (s) => io.out(s.trimEnd()),
    writeErr: (s) => io.err(s.trimEnd()),
  });
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  const options = program.opts<CliOptions>();
  // Ids and counts only: the messages themselves are never printed.
  const fail = (code: string, message: string, exitCode: number): number => {
    io.err(options.json ? JSON.stringify({ type: 'error', code, message }) : `replay-dlq: ${message}`);
    return exitCode;
  };
  const brokers = (options.brokers ?? process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) return fail('DLQ_REPLAY.NO_BROKERS', 'no brokers: pass --brokers or set KAFKA_BROKERS', 2);
  // kafkajs logs to the console; keep stdout for the report.
  const kafka = new Kafka({ clientId: 'dlq-replay', brokers, logLevel: logLevel.ERROR });
  try {
    const missing = await missingTopics(kafka, [options.topic, ...(options.toTopic ? [options.toTopic] : [])]);
    if (missing.length > 0) {
      return fail(
        'DLQ_REPLAY.UNKNOWN_TOPIC',
        `no topic ${missing.join(', ')} on the brokers (${brokers.join(',')})`,
        2,
      );
    }
    const report: ReplayDlqReport = await replayDlq({
      kafka,
      dlqTopic: options.topic,
      groupId: options.groupId ?? `dlq-replay.${options.topic}`,
      filter: options.eventId ? { eventId: options.eventId } : undefined,
      toTopic: options.toTopic,
      producerConfig: { idempotent: options.idempotent },
      // A short-lived command: a quick group join and quick fetches matter more than batching.
      consumerConfig: { maxWaitTimeInMs: 100, sessionTimeout: 6000, heartbeatInterval: 1000 },
      timeoutMs: Number(options.timeoutMs),
      logger: io.logger ?? createLogger({ service: 'dlq-replay', destination: process.stderr }),
    });
    if (options.json || !io.terminal) io.out(JSON.stringify(report));
    else io.out(describeReport(report));
    return 0;
  } catch (error) {
    return fail('DLQ_REPLAY.FAILED', error instanceof Error ? error.message : String(error), 1);
  }
}

function describeReport(report: ReplayDlqReport): string {
  const skipped = report.skipped > 0 ? `, ${report.skipped} skipped (no original topic)` : '';
  return `${report.dlqTopic}: ${report.replayed} of ${report.examined} examined re-published${skipped}`;
}
