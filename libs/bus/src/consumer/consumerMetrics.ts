import { metrics, type Attributes, type Counter, type Meter } from '@opentelemetry/api';

export const CONSUMER_MESSAGES_METRIC = 'consumer_messages_total';
export const CONSUMER_LAG_METRIC = 'consumer_lag';

export type MessageOutcomeKind = 'applied' | 'duplicate' | 'dlq';

/**
 * Messages by outcome and how far each partition's consumer is behind. Attributes are the
 * group, topic and partition only: no org id (it would multiply series) and nothing from a
 * payload. The lag gauge reports the last value seen, so a scrape never calls the broker.
 */
export class ConsumerMetrics {
  private readonly messages: Counter;
  private readonly lag = new Map<string, { attributes: Attributes; value: number }>();

  constructor(meter: Meter = metrics.getMeter('@ledger/bus')) {
    this.messages = meter.createCounter(CONSUMER_MESSAGES_METRIC, {
      description: 'Consumed event messages by outcome: applied, duplicate (redelivery, no effect) or dlq',
    });
    meter
      .createObservableGauge(CONSUMER_LAG_METRIC, {
        description: 'Messages in the partition after the last one the consumer group processed',
        unit: '{message}',
      })
      .addCallback((result) => {
        for (const sample of this.lag.values()) result.observe(sample.value, sample.attributes);
      });
  }

  /**
   * Starts every outcome's series at 0, so that the first dead-lettered message is an increase
   * a rate or an alert sees, not a series appearing at 1.
   */
  startCounting(group: string, topics: readonly string[]): void {
    for (const topic of topics) {
      for (const outcome of ['applied', 'duplicate', 'dlq'] as const) this.messages.add(0, { group, topic, outcome });
    }
  }

  countMessage(group: string, topic: string, outcome: MessageOutcomeKind): void {
    this.messages.add(1, { group, topic, outcome });
  }

  recordLag(group: string, topic: string, partition: number, lag: number): void {
    this.lag.set(`${group}\u0000${topic}\u0000${partition}`, {
      attributes: { group, topic, partition },
      value: Math.max(0, lag),
    });
  }
}
