import type { ConsumerRunConfig, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { TopicCollector } from './topicCollector';

const TOPIC = 'todox.evidence.events.v1';

/** A Kafka client whose one consumer hands each message the test delivers straight to the collector. */
function fakeKafka() {
  let eachMessage: ConsumerRunConfig['eachMessage'];
  const consumer = {
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (config: ConsumerRunConfig) => void (eachMessage = config.eachMessage),
    disconnect: async () => undefined,
  };
  const kafka = { consumer: () => consumer } as unknown as Kafka;
  const deliver = (offset: number, value: Record<string, unknown>) =>
    eachMessage!({
      topic: TOPIC,
      partition: 0,
      message: {
        key: Buffer.from('org-1'),
        value: Buffer.from(JSON.stringify(value)),
        offset: String(offset),
        headers: {},
      } as KafkaMessage,
      heartbeat: async () => undefined,
      pause: () => () => undefined,
    } as EachMessagePayload);
  return { kafka, deliver };
}

const tombstoned = {
  eventId: '0b8f3c2e-5d41-4c1a-9e7f-2a6b8c9d0e1f',
  type: 'DocumentTombstoned',
  schemaVersion: 1,
  orgId: 'org-1',
  streamId: 'evidence-doc-1',
  streamRevision: 3,
  orgSeq: 41,
  recordedAt: '2026-03-01T10:15:00.123Z',
  metadata: { actor: 'user-1' },
  data: { documentId: 'doc-1', reason: 'deleted_by_user' },
  personal: null,
};

describe('TopicCollector', () => {
  it('fails every read, listing the violations, once a message breaks its schema', async () => {
    const { kafka, deliver } = fakeKafka();
    const collector = await TopicCollector.start(kafka, TOPIC);

    await deliver(0, tombstoned);
    expect(collector.messages().map((message) => message.envelope.eventId)).toEqual([tombstoned.eventId]);

    // A reason outside the vocabulary and a field the contract does not declare.
    await deliver(1, { ...tombstoned, orgSeq: 42, data: { documentId: 'doc-1', reason: 'free text', note: 'x' } });
    const refusal = [
      `1 message(s) on ${TOPIC} break the event contract:`,
      'partition 0, offset 1: event message DocumentTombstoned breaks its schema:',
      '  /data/reason must be equal to one of the allowed values',
      '  /data must NOT have unevaluated properties',
    ].join('\n');
    expect(() => collector.messages()).toThrow(refusal);
    await expect(collector.waitForEvents([tombstoned.eventId])).rejects.toThrow(refusal);
    await expect(collector.waitForCount(5)).rejects.toThrow(refusal);
    await collector.stop();
  });
});
