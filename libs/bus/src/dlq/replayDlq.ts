import { createLogger } from '@ledger/observability';
import type { ConsumerConfig, Kafka, KafkaMessage, Producer, ProducerConfig } from 'kafkajs';
import type { BusLogger } from '../consumer/consumerOptions';
import { parseEnvelopeJson } from '../consumer/eventEnvelope';
import { EVENT_HEADERS, headerText } from '../consumer/messageHeaders';
import { DLQ_HEADER, withoutDlqHeaders } from './dlqHeaders';
import { pendingReplayRanges } from './replayRange';

export interface ReplayDlqOptions {
  kafka: Kafka;
  dlqTopic: string;
  /** The replay's own consumer group; its committed offsets are the replay's recorded progress. */
  groupId: string;
  /** Replay only this event; leaves the recorded progress where it is. */
  filter?: { eventId?: string };
  /** Where to publish instead of each message's original topic. */
  toTopic?: string;
  /** A connected producer owned by the caller; otherwise one is made from `producerConfig`. */
  producer?: Producer;
  /** Idempotent unless told otherwise (the test broker cannot do it). */
  producerConfig?: ProducerConfig;
  consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  logger?: BusLogger;
  /** Gives up (progress so far kept) when the DLQ is not read to its end by then. */
  timeoutMs?: number;
}

export interface ReplayDlqReport {
  dlqTopic: string;
  /** DLQ messages read up to the end the DLQ had when the replay started. */
  examined: number;
  replayed: number;
  /** Messages that matched but name no original topic (and no `toTopic` was given). */
  skipped: number;
  replayedEventIds: string[];
}

/** The event id of a DLQ message: its header, or the payload's when the header is missing. */
function eventIdOf(message: KafkaMessage): string | undefined {
  const fromHeader = headerText(message.headers, EVENT_HEADERS.eventId);
  if (fromHeader !== undefined) return fromHeader;
  const eventId = parseEnvelopeJson(message.value)?.eventId;
  return typeof eventId === 'string' ? eventId : undefined;
}

/**
 * Re-publishes dead-lettered messages, once their cause is fixed, to the topic they came from,
 * unchanged but for the DLQ headers. Consumers keep their inbox, so a message that was in fact
 * applied before (or is replayed twice) has no second effect.
 *
 * Reads the DLQ from the group's committed offset to the end it has when the replay starts.
 * A full replay commits after each message it has re-published, so a rerun, also after a crash,
 * starts where the last one stopped (at worst re-publishing one message). A filtered replay
 * picks its message out and commits nothing: the others stay ahead of the recorded position.
 */
export async function replayDlq(options: ReplayDlqOptions): Promise<ReplayDlqReport> {
  const { kafka, dlqTopic, groupId, filter, toTopic } = options;
  const logger = options.logger ?? createLogger({ service: 'bus' });
  const report: ReplayDlqReport = { dlqTopic, examined: 0, replayed: 0, skipped: 0, replayedEventIds: [] };
  const pending = await pendingReplayRanges(kafka, dlqTopic, groupId);
  if (pending.size === 0) {
    logger.info({ dlqTopic, groupId }, 'DLQ replay: nothing left to replay');
    return report;
  }

  const wanted = filter?.eventId?.toLowerCase();
  const producer = options.producer ?? kafka.producer({ idempotent: true, ...options.producerConfig });
  const consumer = kafka.consumer({ ...options.consumerConfig, groupId });
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));

  const replayOne = async (message: KafkaMessage, partition: number): Promise<void> => {
    report.examined += 1;
    const eventId = eventIdOf(message);
    if (wanted !== undefined && eventId?.toLowerCase() !== wanted) return;
    const target = toTopic ?? headerText(message.headers, DLQ_HEADER.originalTopic);
    const ids = { dlqTopic, dlqPartition: partition, dlqOffset: message.offset, eventId };
    if (target === undefined) {
      report.skipped += 1;
      logger.warn(ids, 'DLQ replay: message names no original topic; skipped');
      return;
    }
    await producer.send({
      topic: target,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers: withoutDlqHeaders(message.headers) }],
    });
    report.replayed += 1;
    if (eventId !== undefined) report.replayedEventIds.push(eventId);
    logger.info({ ...ids, toTopic: target }, 'DLQ replay: message re-published');
  };

  if (!options.producer) await producer.connect();
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [dlqTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: wanted === undefined,
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale }) => {
        const end = pending.get(batch.partition);
        if (end === undefined) return;
        for (const message of batch.messages) {
          if (!isRunning() || isStale() || BigInt(message.offset) >= end) break;
          await replayOne(message, batch.partition);
          resolveOffset(message.offset);
          await commitOffsetsIfNecessary();
          if (BigInt(message.offset) + 1n >= end) {
            pending.delete(batch.partition);
            if (pending.size === 0) finished();
          }
        }
        await heartbeat();
      },
    });
    const timeoutMs = options.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      throw new Error(
        `DLQ replay of ${dlqTopic} did not reach the end within ${timeoutMs} ms ` +
          `(${report.replayed} re-published, ${pending.size} partitions unfinished)`,
      );
    }
  } finally {
    await consumer.disconnect();
    if (!options.producer) await producer.disconnect();
  }
  logger.info(
    { dlqTopic, groupId, examined: report.examined, replayed: report.replayed, skipped: report.skipped },
    'DLQ replay finished',
  );
  return report;
}
