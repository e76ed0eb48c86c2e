import type { Message } from 'kafkajs';
import { RecordingMeter } from '@ledger/projections/testing';
import { Backoff } from './backoff';
import { splitByBytes } from './messageBatches';
import { relayConfigFromEnv } from './relayConfig';
import { OUTBOX_METRICS, OutboxMetrics } from './relayMetrics';

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap, and starts over after a success', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});

describe('splitByBytes', () => {
  const message = (bytes: number): Message => ({ key: 'k', value: 'x'.repeat(bytes) });

  it('keeps the order and bounds each run, a single oversized message going alone', () => {
    const messages = [message(400), message(400), message(400), message(5000), message(10)];
    const runs = splitByBytes(messages, 1000);
    expect(runs.map((run) => run.length)).toEqual([2, 1, 1, 1]);
    expect(runs.flat()).toEqual(messages);
    expect(splitByBytes([], 1000)).toEqual([]);
  });
});

describe('relayConfigFromEnv', () => {
  const env = {
    DATABASE_URL: 'postgres://x/y',
    KAFKA_BROKERS: 'a:9092, b:9092',
    RELAY_SERVICE: 'claims',
    RELAY_CATEGORIES: 'entity, claim',
  };

  it('reads a service with its categories, its topic by default', () => {
    expect(relayConfigFromEnv(env)).toEqual({
      databaseUrl: 'postgres://x/y',
      brokers: ['a:9092', 'b:9092'],
      service: 'claims',
      categories: ['entity', 'claim'],
      topic: undefined,
      batchSize: undefined,
      pollMs: undefined,
      idempotent: true,
      clientId: 'relay-claims',
    });
  });

  it('refuses a missing or wrong setting with one line naming it', () => {
    expect(() => relayConfigFromEnv({ ...env, DATABASE_URL: '' })).toThrow('DATABASE_URL is not set');
    expect(() => relayConfigFromEnv({ ...env, KAFKA_BROKERS: ' ' })).toThrow(/^KAFKA_BROKERS is not set/);
    expect(() => relayConfigFromEnv({ ...env, RELAY_SERVICE: 'Billing' })).toThrow(
      /RELAY_SERVICE must be a service name/,
    );
    expect(() => relayConfigFromEnv({ ...env, RELAY_CATEGORIES: '' })).toThrow(/^RELAY_CATEGORIES is not set/);
    expect(() => relayConfigFromEnv({ ...env, RELAY_BATCH_SIZE: '0' })).toThrow(/RELAY_BATCH_SIZE/);
    expect(() => relayConfigFromEnv({ ...env, KAFKA_IDEMPOTENT: 'no' })).toThrow(/KAFKA_IDEMPOTENT/);
  });
});

describe('OutboxMetrics', () => {
  it('reports published and failed counts and the last backlog per relay under the documented names', () => {
    const meter = new RecordingMeter();
    const metrics = new OutboxMetrics(meter.asMeter());
    const relay = { service: 'evidence', topic: 'todox.evidence.events.v1' };
    metrics.published(relay, 5);
    metrics.published(relay, 2);
    metrics.publishFailed(relay);
    metrics.backlog(relay, 40);
    metrics.backlog(relay, 12);
    expect(meter.counterTotal(OUTBOX_METRICS.published)).toBe(7);
    expect(meter.counterTotal(OUTBOX_METRICS.publishErrors)).toBe(1);
    expect(meter.value(OUTBOX_METRICS.backlog, relay)).toBe(12);
    expect(OUTBOX_METRICS).toEqual({
      backlog: 'outbox_backlog_events',
      published: 'outbox_published_total',
      publishErrors: 'outbox_publish_errors_total',
    });
  });
});
