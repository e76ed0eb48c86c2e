import { Controller, Module } from '@nestjs/common';
import { recordEffect } from '../../consumer/testing/consumerTestKit';
import type { DeliveryContext } from '../deliveryContext';
import { OnFollowedEvents, type DeliveredRun } from '../followedEvents';

/** The documentId that makes the toy handler fail, every time: a poison message. */
export const POISON_DOCUMENT = 'poison';

/** Its own name reaches the DLQ headers only if the transport hands the consumer the error itself. */
export class ToyRefusal extends Error {
  override readonly name = 'ToyRefusal';
}

export interface ReceivedRun {
  handler: 'evidence' | 'claims';
  topic: string;
  orgId: string;
  types: string[];
  seqs: number[];
}

/** Every run the toy handlers were called with, in call order (including runs later rolled back). */
export const receivedRuns: ReceivedRun[] = [];

function received(handler: ReceivedRun['handler'], run: DeliveredRun<'evidence' | 'claims'>, topic: string) {
  receivedRuns.push({
    handler,
    topic,
    orgId: run[0].orgId,
    types: run.map((event) => event.type),
    seqs: run.map((event) => event.orgSeq),
  });
}

/** A service's Kafka side in miniature: one effect row per event, written in the run's transaction. */
@Controller()
export class ToyMessageController {
  @OnFollowedEvents('evidence')
  async evidenceEvents(run: DeliveredRun<'evidence'>, context: DeliveryContext): Promise<void> {
    received('evidence', run, context.topic);
    for (const event of run) {
      if (event.data.documentId === POISON_DOCUMENT) throw new ToyRefusal('the toy cannot apply this document');
      await recordEffect(event, context.tx);
    }
  }

  @OnFollowedEvents('claims')
  async claimsEvents(run: DeliveredRun<'claims'>, context: DeliveryContext): Promise<void> {
    received('claims', run, context.topic);
    for (const event of run) await recordEffect(event, context.tx);
  }
}

@Module({ controllers: [ToyMessageController] })
export class ToyModule {}
