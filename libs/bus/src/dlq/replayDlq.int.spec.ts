import type { PoolClient } from 'pg';
import type { EventEnvelope } from '../consumer/eventEnvelope';
import {
  ConsumerTestKit,
  Outcomes,
  eventMessage,
  headerOf,
  makeEnvelope,
  originalPosition,
  recordEffect,
} from '../consumer/testing/consumerTestKit';
import { DLQ_HEADER, dlqTopicFor } from './dlqHeaders';
import { replayDlq } from './replayDlq';
import { runReplayDlqCli } from './replayDlqCli';

describe('replayDlq', () => {
  let kit: ConsumerTestKit;
  /** Events the handler cannot take until the test "fixes" it. */
  const broken = new Set<string>();
  const handler = async (envelope: EventEnvelope, tx: PoolClient) => {
    if (broken.has(envelope.eventId)) throw new Error('handler bug');
    await recordEffect(envelope, tx);
  };

  beforeAll(async () => {
    kit = await ConsumerTestKit.start();
  });
  afterAll(() => kit.close());

  async function deadLetter(topic: string, outcomes: Outcomes, events: EventEnvelope[]): Promise<void> {
    for (const event of events) broken.add(event.eventId);
    await kit.send(topic, ...events.map((e) => eventMessage(e)));
    for (const event of events) await outcomes.waitFor('dlq', 1, event.eventId);
  }

  it('puts a fixed message back on its topic, without DLQ headers, where it is applied exactly once', async () => {
    const topic = await kit.topic('replay-one');
    const outcomes = new Outcomes();
    await kit.startConsumer({ groupId: 'replay-one', topics: [topic], handler, onOutcome: outcomes.record });
    const [stuck, other] = [makeEnvelope(), makeEnvelope({ orgSeq: 1 })];
    await deadLetter(topic, outcomes, [stuck, other]);
    expect(await kit.effectsOf(stuck.eventId)).toBe(0);

    broken.delete(stuck.eventId);
    const report = await replayDlq({
      kafka: kit.kafka,
      dlqTopic: dlqTopicFor(topic),
      groupId: 'replay-one-operator',
      filter: { eventId: stuck.eventId },
      producerConfig: { idempotent: false },
      consumerConfig: { maxWaitTimeInMs: 100, sessionTimeout: 6000, heartbeatInterval: 1000 },
      logger: kit.logs.logger,
    });
    expect(report).toMatchObject({ dlqTopic: dlqTopicFor(topic), replayed: 1, skipped: 0 });
    expect(report.replayedEventIds).toEqual([stuck.eventId]);
    expect(report.examined).toBeGreaterThanOrEqual(2);
    await outcomes.waitFor('applied', 1, stuck.eventId);
    expect(await kit.effectsOf(stuck.eventId)).toBe(1);
    expect(outcomes.count('dlq', other.eventId)).toBe(1);

    const onTopic = await kit.readTopic(topic, 3);
    const replayed = onTopic[2];
    expect(replayed.value?.toString()).toBe(JSON.stringify(stuck));
    expect(replayed.key?.toString()).toBe(stuck.orgId);
    expect(headerOf(replayed, 'event-id')).toBe(stuck.eventId);
    expect(Object.keys(replayed.headers ?? {}).filter((name) => name.startsWith('dlq-'))).toEqual([]);

    // A second replay of the same message, through the operator command, has no second effect.
    const lines: string[] = [];
    const errors: string[] = [];
    const exitCode = await runReplayDlqCli(
      [
        'node',
        'replay-dlq',
        '--topic',
        dlqTopicFor(topic),
        '--event-id',
        stuck.eventId,
        '--brokers',
        kit.broker.bootstrap.join(','),
        '--no-idempotent',
      ],
      { out: (line) => void lines.push(line), err: (line) => void errors.push(line), logger: kit.logs.logger },
    );
    expect({ exitCode, errors }).toEqual({ exitCode: 0, errors: [] });
    expect(JSON.parse(lines.join(''))).toMatchObject({ replayed: 1, replayedEventIds: [stuck.eventId] });
    await outcomes.waitFor('duplicate', 1, stuck.eventId);
    expect(await kit.effectsOf(stuck.eventId)).toBe(1);
  });

  it('replays everything up to the end, records its progress, and a rerun finds nothing left', async () => {
    const topic = await kit.topic('replay-all', 2);
    const outcomes = new Outcomes();
    await kit.startConsumer({ groupId: 'replay-all', topics: [topic], handler, onOutcome: outcomes.record });
    const events = [
      makeEnvelope({ orgId: 'org-a' }),
      makeEnvelope({ orgId: 'org-b' }),
      makeEnvelope({ orgId: 'org-c' }),
    ];
    await deadLetter(topic, outcomes, events);
    const stillBroken = events[2];
    broken.delete(events[0].eventId);
    broken.delete(events[1].eventId);

    const options = {
      kafka: kit.kafka,
      dlqTopic: dlqTopicFor(topic),
      groupId: 'replay-all-operator',
      producerConfig: { idempotent: false },
      consumerConfig: { maxWaitTimeInMs: 100, sessionTimeout: 6000, heartbeatInterval: 1000 },
      logger: kit.logs.logger,
    };
    const first = await replayDlq(options);
    expect(new Set(first.replayedEventIds)).toEqual(new Set(events.map((e) => e.eventId)));
    await outcomes.waitFor('applied', 1, events[0].eventId);
    await outcomes.waitFor('applied', 1, events[1].eventId);
    // The one still failing goes back to the DLQ, after the end this replay stopped at.
    await outcomes.waitFor('dlq', 2, stillBroken.eventId);

    const dlq = await kit.readTopic(dlqTopicFor(topic), 4, originalPosition);
    expect(dlq.filter((m) => headerOf(m, 'event-id') === stillBroken.eventId)).toHaveLength(2);
    expect(dlq.every((m) => headerOf(m, DLQ_HEADER.errorCode) === 'handler-failed')).toBe(true);

    // The rerun starts where the first stopped: only the re-dead-lettered message is left.
    broken.delete(stillBroken.eventId);
    const second = await replayDlq(options);
    expect(new Set(second.replayedEventIds)).toEqual(new Set([stillBroken.eventId]));
    await outcomes.waitFor('applied', 1, stillBroken.eventId);
    expect(await replayDlq(options)).toMatchObject({ examined: 0, replayed: 0 });
    for (const event of events) expect(await kit.effectsOf(event.eventId)).toBe(1);
  });

  it('answers a CLI call without a DLQ topic or brokers with a usage error', async () => {
    const errors: string[] = [];
    const io = { out: () => undefined, err: (line: string) => void errors.push(line) };
    expect(await runReplayDlqCli(['node', 'replay-dlq'], io)).not.toBe(0);
    expect(errors.join('\n')).toMatch(/--topic/);
    const saved = process.env.KAFKA_BROKERS;
    delete process.env.KAFKA_BROKERS;
    try {
      expect(await runReplayDlqCli(['node', 'replay-dlq', '--topic', 'x.dlq'], io)).toBe(2);
    } finally {
      if (saved !== undefined) process.env.KAFKA_BROKERS = saved;
    }
    expect(errors.join('\n')).toMatch(/no brokers/);
  });

  it('names a DLQ topic the brokers do not have, in one line, and as JSON with --json', async () => {
    const errors: string[] = [];
    const lines: string[] = [];
    const io = { out: (line: string) => void lines.push(line), err: (line: string) => void errors.push(line) };
    const brokers = kit.broker.bootstrap.join(',');
    const args = [
      'node',
      'replay-dlq',
      '--topic',
      'todox.evidnce.events.v1.dlq',
      '--brokers',
      brokers,
      '--no-idempotent',
    ];
    expect(await runReplayDlqCli(args, io)).toBe(2);
    expect(await runReplayDlqCli([...args, '--json'], io)).toBe(2);
    expect(lines).toEqual([]);
    expect(errors).toEqual([
      `replay-dlq: no topic todox.evidnce.events.v1.dlq on the brokers (${brokers})`,
      JSON.stringify({
        type: 'error',
        code: 'DLQ_REPLAY.UNKNOWN_TOPIC',
        message: `no topic todox.evidnce.events.v1.dlq on the brokers (${brokers})`,
      }),
    ]);
  });
});
