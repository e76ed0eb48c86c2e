import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { eventTopic } from '@ledger/contracts';
import { DLQ_HEADER, dlqTopicFor } from '../dlq/dlqHeaders';
import type { EventEnvelope } from '../consumer/eventEnvelope';
import {
  ConsumerTestKit,
  INBOX,
  Outcomes,
  eventMessage,
  headerOf,
  makeEnvelope,
} from '../consumer/testing/consumerTestKit';
import { TEST_BROKER_CONSUMER_SETTINGS } from '../consumer/testBrokerSettings';
import { EVENT_HEADERS } from '../consumer/messageHeaders';
import { BusTransport, type BusTransportOptions } from './busTransport';
import type { DeliveryContext } from './deliveryContext';
import { OnFollowedEvents, type DeliveredRun } from './followedEvents';
import { POISON_DOCUMENT, ToyModule, receivedRuns } from './testing/toyMessageController';

const EVIDENCE = eventTopic('evidence');
const CLAIMS = eventTopic('claims');

function entityCreated(orgId: string, orgSeq: number): EventEnvelope {
  return makeEnvelope({
    type: 'EntityCreated',
    orgId,
    orgSeq,
    streamId: `entity-e${orgSeq}`,
    data: { entityId: `e${orgSeq}`, kind: 'Client' },
  });
}

function versionAdded(orgId: string, orgSeq: number, documentId = 'd1'): EventEnvelope {
  const base = makeEnvelope();
  return makeEnvelope({ orgId, orgSeq, data: { ...base.data, documentId } });
}

describe('BusTransport: a Nest message controller over the idempotent consumer', () => {
  let kit: ConsumerTestKit;
  let app: INestMicroservice;
  const outcomes = new Outcomes();

  const transportOptions = (groupId: string, topics: readonly string[]): BusTransportOptions => ({
    kafka: kit.kafka,
    groupId,
    topics,
    pool: kit.pool,
    inboxTable: INBOX,
    maxBatchMessages: 50,
    partitionsConsumedConcurrently: 2,
    consumerConfig: TEST_BROKER_CONSUMER_SETTINGS,
    producerConfig: { idempotent: false },
    retry: { initialBackoffMs: 50, maxAttempts: 2 },
    logger: kit.logs.logger,
    onOutcome: outcomes.record,
  });

  beforeAll(async () => {
    kit = await ConsumerTestKit.start();
    for (const topic of [EVIDENCE, CLAIMS]) {
      await kit.broker.createTopic(topic, 2);
      await kit.broker.createTopic(dlqTopicFor(topic), 2);
    }
    app = await NestFactory.createMicroservice(ToyModule, {
      strategy: new BusTransport(transportOptions('toy', [EVIDENCE, CLAIMS])),
      logger: false,
    });
    await app.listen();
  });
  afterAll(async () => {
    await app?.close();
    await kit.close();
  });

  it('hands each handler runs of its own topic, one org each, in order, several events per call', async () => {
    const evidence = Array.from({ length: 30 }, (_, i) => versionAdded(i % 2 === 0 ? 'org-a' : 'org-b', i));
    const claims = Array.from({ length: 10 }, (_, i) => entityCreated('org-c', i));
    await kit.send(EVIDENCE, ...evidence.map((event) => eventMessage(event)));
    await kit.send(CLAIMS, ...claims.map((event) => eventMessage(event)));
    const ids = new Set([...evidence, ...claims].map((event) => event.eventId));
    await outcomes.waitFor('applied', ids.size);

    const counts = await kit.effectCounts();
    for (const id of ids) expect(counts.get(id)).toBe(1);
    const runs = receivedRuns.filter((run) => ['org-a', 'org-b', 'org-c'].includes(run.orgId));
    expect(runs.every((run) => run.topic === (run.handler === 'evidence' ? EVIDENCE : CLAIMS))).toBe(true);
    expect(runs.filter((run) => run.handler === 'claims').flatMap((run) => run.types)).toEqual(
      claims.map(() => 'EntityCreated'),
    );
    for (const orgId of ['org-a', 'org-b', 'org-c']) {
      const sent = [...evidence, ...claims].filter((event) => event.orgId === orgId).map((event) => event.orgSeq);
      expect(runs.filter((run) => run.orgId === orgId).flatMap((run) => run.seqs)).toEqual(sent);
    }
    // The batching survives the transport: fewer handler calls (transactions) than events.
    expect(runs.length).toBeLessThan(ids.size);
  });

  it('has no second effect when a message is delivered again', async () => {
    const event = versionAdded('org-r', 0);
    const next = versionAdded('org-r', 1);
    await kit.send(EVIDENCE, eventMessage(event), eventMessage(event));
    await kit.send(EVIDENCE, eventMessage(event), eventMessage(next));

    await outcomes.waitFor('applied', 1, next.eventId);
    await outcomes.waitFor('duplicate', 2, event.eventId);
    expect(outcomes.count('applied', event.eventId)).toBe(1);
    expect(await kit.effectsOf(event.eventId)).toBe(1);
    expect(await kit.effectsOf(next.eventId)).toBe(1);
  });

  it('dead-letters a message its handler keeps failing on, with the handler’s own error, and applies the rest', async () => {
    const before = versionAdded('org-p', 0);
    const poison = versionAdded('org-p', 1, POISON_DOCUMENT);
    const after = versionAdded('org-p', 2);
    await kit.send(EVIDENCE, ...[before, poison, after].map((event) => eventMessage(event)));

    await outcomes.waitFor('dlq', 1, poison.eventId);
    await outcomes.waitFor('applied', 1, after.eventId);
    expect(await kit.effectsOf(before.eventId)).toBe(1);
    expect(await kit.effectsOf(poison.eventId)).toBe(0);
    expect(await kit.inboxHas(poison.eventId)).toBe(false);
    const dead = await kit.readTopic(dlqTopicFor(EVIDENCE), 1, (message) => String(message.value));
    const copy = dead.find((message) => headerOf(message, EVENT_HEADERS.eventId) === poison.eventId);
    expect(copy && headerOf(copy, DLQ_HEADER.errorCode)).toBe('handler-failed');
    expect(copy && headerOf(copy, DLQ_HEADER.errorMessage)).toMatch(/last error: ToyRefusal$/);
  });

  it('dead-letters an event whose type its topic does not carry: a handler only sees its catalogue types', async () => {
    const stray = entityCreated('org-s', 0);
    const fine = versionAdded('org-s', 1);
    await kit.send(EVIDENCE, eventMessage(stray), eventMessage(fine));

    await outcomes.waitFor('dlq', 1, stray.eventId);
    await outcomes.waitFor('applied', 1, fine.eventId);
    expect(await kit.effectsOf(stray.eventId)).toBe(0);
    expect(receivedRuns.some((run) => run.types.includes('EntityCreated') && run.handler === 'evidence')).toBe(false);
  });

  it('refuses to listen when a subscribed topic has no handler', async () => {
    const audit = eventTopic('audit');
    const transport = new BusTransport(transportOptions('toy-unhandled', [EVIDENCE, CLAIMS, audit]));
    await expect(
      NestFactory.createMicroservice(ToyModule, { strategy: transport, logger: false }).then((m) => m.listen()),
    ).rejects.toThrow(`no message handler for subscribed topic ${audit}`);
  });

  it('refuses to listen when a handler’s topic is not subscribed', async () => {
    @Controller()
    class FollowsMore {
      @OnFollowedEvents('evidence', 'meeting-prep')
      async events(run: DeliveredRun<'evidence' | 'meeting-prep'>, context: DeliveryContext): Promise<void> {
        throw new Error(`never listening, so never called: ${run.length} events from ${context.topic}`);
      }
    }
    @Module({ controllers: [FollowsMore] })
    class FollowsMoreModule {}
    const transport = new BusTransport(transportOptions('toy-unsubscribed', [EVIDENCE]));
    await expect(
      NestFactory.createMicroservice(FollowsMoreModule, { strategy: transport, logger: false }).then((m) => m.listen()),
    ).rejects.toThrow(`a message handler for ${eventTopic('meeting-prep')}, which is not a subscribed topic`);
  });
});
