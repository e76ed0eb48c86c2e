import type { Consumer, Kafka } from 'kafkajs';
import type { EventEnvelope } from '../relay/eventMessage';
import { assertContractMessage } from './contractCheck';

export interface ReceivedMessage {
  partition: number;
  offset: number;
  key: string;
  headers: Record<string, string>;
  value: string;
  envelope: EventEnvelope;
}

/** Consumer settings the librdkafka mock needs (see ENVIRONMENT.md): short fetch waits, quick rebalances. */
export const TEST_CONSUMER_SETTINGS = { maxWaitTimeInMs: 100, sessionTimeout: 6000, heartbeatInterval: 1000 };

/**
 * Reads a topic from the beginning in a consumer group of its own and keeps every message by
 * (partition, offset): a redelivery to this consumer is not a second message, while a relay's
 * re-publication is (it has offsets of its own).
 *
 * Every message is checked against the schema of its event type (closed: no undeclared field
 * either). One that breaks it makes every read of the collector throw, listing the violations,
 * so the test that produced it fails whichever of its checks comes next.
 */
export class TopicCollector {
  private readonly byPosition = new Map<string, ReceivedMessage>();
  private readonly violations = new Map<string, string>();

  private constructor(
    private readonly consumer: Consumer,
    private readonly topic: string,
  ) {}

  static async start(
    kafka: Kafka,
    topic: string,
    groupId = `collector-${topic}-${Date.now()}`,
  ): Promise<TopicCollector> {
    const consumer = kafka.consumer({ groupId, ...TEST_CONSUMER_SETTINGS });
    const collector = new TopicCollector(consumer, topic);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        const value = String(message.value);
        const position = `${partition}:${message.offset}`;
        try {
          assertContractMessage(value);
        } catch (error) {
          // Not kept: every read throws from now on, so no test sees a partial picture.
          collector.violations.set(
            position,
            `partition ${partition}, offset ${message.offset}: ${(error as Error).message}`,
          );
          return;
        }
        collector.byPosition.set(position, {
          partition,
          offset: Number(message.offset),
          key: String(message.key),
          headers,
          value,
          envelope: JSON.parse(value) as EventEnvelope,
        });
      },
    });
    return collector;
  }

  /** Every message so far, by partition, then in offset (that is, produce) order. */
  messages(): ReceivedMessage[] {
    this.assertContract();
    return [...this.byPosition.values()].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  }

  /** Waits until every one of `eventIds` has arrived at least once. */
  async waitForEvents(eventIds: Iterable<string>, timeoutMs = 60_000): Promise<ReceivedMessage[]> {
    const wanted = new Set(eventIds);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = this.messages();
      const seen = new Set(messages.map((message) => message.envelope.eventId));
      const missing = [...wanted].filter((id) => !seen.has(id));
      if (missing.length === 0) return messages;
      if (Date.now() > deadline) {
        throw new Error(`${missing.length} of ${wanted.size} events never arrived (first: ${missing[0]})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until `count` messages (copies included) have arrived, e.g. everything the broker holds. */
  async waitForCount(count: number, timeoutMs = 60_000): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.byPosition.size < count) {
      this.assertContract();
      if (Date.now() > deadline) throw new Error(`${this.byPosition.size} of ${count} messages arrived`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.messages();
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private assertContract(): void {
    if (this.violations.size === 0) return;
    const lines = [...this.violations.values()].join('\n');
    throw new Error(`${this.violations.size} message(s) on ${this.topic} break the event contract:\n${lines}`);
  }
}
