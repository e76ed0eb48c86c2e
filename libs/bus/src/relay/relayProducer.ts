import { Partitioners, type Kafka, type Message, type Producer, type ProducerConfig } from 'kafkajs';

/** Builds a producer with the settings the relay needs (pass them through). */
export type ProducerFactory = (config: ProducerConfig) => Producer;
export type ProducerSource = Kafka | ProducerFactory;

/**
 * The relay's single producer, connected on first use and replaced after a failure: once kafkajs
 * has given up on a send, a fresh producer (with a fresh idempotence session) is the known state.
 */
export class RelayProducer {
  private producer: Producer | null = null;

  constructor(
    private readonly source: ProducerSource,
    private readonly idempotent: boolean,
  ) {}

  /** Resolves once the broker has acknowledged every message (acks -1: all in-sync replicas). */
  async send(topic: string, messages: Message[]): Promise<void> {
    const producer = await this.connected();
    await producer.send({ topic, acks: -1, messages });
  }

  /** Drops the producer; the next send connects a new one. */
  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const config: ProducerConfig = {
      idempotent: this.idempotent,
      // One request in flight: a retried request can never land behind a later one, which is
      // what keeps each org's events in order within its partition.
      maxInFlightRequests: 1,
      // Topics are provisioned, never created by a typo'd name.
      allowAutoTopicCreation: false,
      // The Java client's murmur2 partitioner, so other teams' clients agree on key placement.
      createPartitioner: Partitioners.DefaultPartitioner,
    };
    const producer = typeof this.source === 'function' ? this.source(config) : this.source.producer(config);
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    return producer;
  }
}
