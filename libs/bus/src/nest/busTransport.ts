import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { PoolClient } from 'pg';
import { isObservable, lastValueFrom } from 'rxjs';
import { EVENT_CATALOG, eventTopic } from '@ledger/contracts';
import type { EnvelopeBatchHandler } from '../consumer/applyRun';
import type { IdempotentConsumerOptions } from '../consumer/consumerOptions';
import type { EventEnvelope } from '../consumer/eventEnvelope';
import { IdempotentConsumer } from '../consumer/idempotentConsumer';
import { DeliveryContext } from './deliveryContext';

/** The consumer's options, less its handlers: those are the app's `@OnFollowedEvents` methods. */
export type BusTransportOptions = Omit<IdempotentConsumerOptions, 'handler' | 'batchHandler'>;

/** The catalogue types each contract topic may carry; other topics are not checked. */
const TYPES_BY_TOPIC = new Map<string, ReadonlySet<string>>(
  Object.entries(EVENT_CATALOG).map(([service, types]) => [eventTopic(service), new Set<string>(types)]),
);

/**
 * A Nest transport over the idempotent consumer: inbox, DLQ, validation, per-org order and
 * offsets are the consumer's, unchanged; the transport only chooses the handler.
 *
 * The pattern is a topic, and a handler receives a whole run (up to `maxBatchMessages` new events
 * of one org from one fetched batch) with the run's transaction, not one event at a time. A run
 * therefore still costs one transaction and one pass per projection (`applyDeliveredEvents` folds
 * it at once), which is what keeps the pipeline's latency at 1,000 events/s; per-event handlers
 * would need their writes collected and flushed behind Nest's back to do the same. A run comes
 * from one partition, so from one topic: exactly one handler applies it.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private consumer: IdempotentConsumer | undefined;

  constructor(private readonly options: BusTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const handlers = this.handlersByTopic();
      const dispatch: EnvelopeBatchHandler = (run, tx, topic) => this.dispatch(handlers, run, tx, topic);
      this.consumer = new IdempotentConsumer({
        ...this.options,
        handler: (envelope, tx, topic) => dispatch([envelope], tx, topic),
        batchHandler: dispatch,
      });
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  /** The consumer's loop, for the process's readiness: whether it runs and when it last went round. */
  progress(): { running: boolean; lastRoundAt: number } {
    return { running: this.consumer?.isRunning ?? false, lastRoundAt: this.consumer?.lastRoundAt ?? 0 };
  }

  on(): never {
    throw new Error('the bus transport emits no events');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('the bus transport is not listening');
    return this.consumer as T;
  }

  /**
   * Refuses to start unless every subscribed topic has exactly one handler and every handler a
   * subscribed topic: a followed service nobody handles, or a handler for a topic never read,
   * would otherwise lose events without a word.
   */
  private handlersByTopic(): Map<string, MessageHandler> {
    const topics = new Set(this.options.topics);
    const handlers = new Map<string, MessageHandler>();
    for (const pattern of this.getHandlers().keys()) {
      if (!topics.has(pattern)) throw new Error(`a message handler for ${pattern}, which is not a subscribed topic`);
    }
    for (const topic of topics) {
      const handler = this.getHandlers().get(topic);
      if (!handler) throw new Error(`no message handler for subscribed topic ${topic}`);
      if (handler.next) throw new Error(`more than one message handler for ${topic}`);
      handlers.set(topic, handler);
    }
    return handlers;
  }

  private async dispatch(
    handlers: ReadonlyMap<string, MessageHandler>,
    run: readonly EventEnvelope[],
    tx: PoolClient,
    topic: string,
  ): Promise<void> {
    const types = TYPES_BY_TOPIC.get(topic);
    const stray = types && run.find((envelope) => !types.has(envelope.type));
    // Handlers are typed by the catalogue: an event of another service's type must not reach them.
    if (stray) throw new Error(`event type ${stray.type} is not published on ${topic}`);
    const handler = handlers.get(topic);
    if (!handler) throw new Error(`no message handler for ${topic}`);
    const result: unknown = await handler(run, new DeliveryContext([topic, tx]));
    // A handler's error comes back as a failing Observable (Nest's RPC proxy): the consumer must see it thrown.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
