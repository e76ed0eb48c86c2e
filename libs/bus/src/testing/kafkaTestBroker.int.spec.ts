import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { KafkaTestBroker } from './kafkaTestBroker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the Kafka test broker with kafkajs', () => {
  let broker: KafkaTestBroker;
  let kafka: Kafka;
  let producer: Producer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    broker = await KafkaTestBroker.start();
    kafka = new Kafka({
      clientId: 'bus-test',
      brokers: broker.bootstrap,
      logLevel: logLevel.NOTHING,
      retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    // The mock reports controller id 0, which kafkajs's idempotent producer cannot use.
    producer = kafka.producer({ idempotent: false, allowAutoTopicCreation: false });
    await producer.connect();
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer.disconnect();
    await broker.stop();
  });

  async function consume(topic: string, expected: number): Promise<Array<{ key: string; value: number }>> {
    const consumer = kafka.consumer({
      groupId: `g-${topic}`,
      maxWaitTimeInMs: 100,
      sessionTimeout: 6000,
      heartbeatInterval: 1000,
    });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: Array<{ key: string; value: number }> = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${received.length} of ${expected}`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({ key: String(message.key), value: Number(String(message.value)) });
          if (received.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return received;
  }

  it('carries keyed messages through a consumer group in per-key order', async () => {
    await broker.createTopic('orders', 3);
    const messages = Array.from({ length: 200 }, (_, i) => ({ key: `org-${i % 4}`, value: String(i) }));
    await producer.send({ topic: 'orders', acks: -1, messages });
    const received = await consume('orders', 200);
    expect(received).toHaveLength(200);
    for (const org of ['org-0', 'org-1', 'org-2', 'org-3']) {
      const values = received.filter((m) => m.key === org).map((m) => m.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(values).toHaveLength(50);
    }
  });

  it('loses nothing when the broker is down while a producer sends', async () => {
    await broker.createTopic('outage', 1);
    await producer.send({ topic: 'outage', acks: -1, messages: [{ key: 'org-0', value: '0' }] });
    await broker.down();
    const sending = producer.send({
      topic: 'outage',
      acks: -1,
      messages: [
        { key: 'org-0', value: '1' },
        { key: 'org-0', value: '2' },
      ],
    });
    await sleep(1500);
    await broker.up();
    await sending;
    const received = await consume('outage', 3);
    expect(new Set(received.map((m) => m.value))).toEqual(new Set([0, 1, 2]));
  });

  it('answers an unknown command with an error', async () => {
    await expect(broker.createTopic('bad name with spaces', 1)).rejects.toThrow(/refused/);
  });
});
