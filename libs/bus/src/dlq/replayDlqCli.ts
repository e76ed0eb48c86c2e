import { createLogger } from '@ledger/observability';
import { Command, CommanderError } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import type { BusLogger } from '../consumer/consumerOptions';
import { replayDlq, type ReplayDlqReport } from './replayDlq';

interface CliOptions {
  topic: string;
  eventId?: string;
  toTopic?: string;
  groupId?: string;
  brokers?: string;
  idempotent: boolean;
  timeoutMs: string;
}

export interface ReplayCliIo {
  /** Receives the one-line JSON report. */
  out: (line: string) => void;
  err: (line: string) => void;
  /** Progress lines; JSON on stderr by default, so stdout holds the report alone. */
  logger?: BusLogger;
}

const defaultIo: ReplayCliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function buildProgram(): Command {
  return new Command('replay-dlq')
    .description('Re-publish dead-lettered messages to their original topic once the cause is fixed')
    .requiredOption('--topic <dlqTopic>', 'the DLQ topic, e.g. todox.evidence.events.v1.dlq')
    .option('--event-id <id>', 'replay only this event (leaves the recorded progress unchanged)')
    .option('--to-topic <topic>', 'publish here instead of the original topic named in the message')
    .option('--group-id <id>', 'consumer group that records the replay position (default dlq-replay.<topic>)')
    .option('--brokers <list>', 'comma-separated bootstrap brokers (default $KAFKA_BROKERS)')
    .option('--no-idempotent', 'produce without idempotence (the librdkafka test broker cannot do it)')
    .option('--timeout-ms <ms>', 'give up when the DLQ is not read to its end by then', '120000')
    .exitOverride()
    .showHelpAfterError();
}

/** Runs the command and answers with an exit code; the report is one JSON line on `out`. */
export async function runReplayDlqCli(argv: string[], io: ReplayCliIo = defaultIo): Promise<number> {
  const program = buildProgram().configureOutput({
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
  const brokers = (options.brokers ?? process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) {
    io.err('replay-dlq: no brokers: pass --brokers or set KAFKA_BROKERS');
    return 2;
  }
  // kafkajs logs to the console; keep stdout for the report.
  const kafka = new Kafka({ clientId: 'dlq-replay', brokers, logLevel: logLevel.ERROR });
  try {
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
    io.out(JSON.stringify(report));
    return 0;
  } catch (error) {
    // Ids and counts only: the messages themselves are never printed.
    io.err(`replay-dlq: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
