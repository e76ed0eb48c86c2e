import { Controller } from '@nestjs/common';
import { OnFollowedEvents, type DeliveredRun, type DeliveryContext } from '@ledger/bus';
import { applyDeliveredRun } from '@ledger/projections';
import { meetingPrepProjection } from './meetingPrepProjection';

/** Meeting prep's Kafka side: what a brief is composed from, folded into its read model. */
@Controller()
export class MeetingPrepMessageController {
  /** Documents and their versions, which decide whether a cited version is still current. */
  @OnFollowedEvents('evidence')
  async evidenceEvents(run: DeliveredRun<'evidence'>, context: DeliveryContext): Promise<void> {
    await applyDeliveredRun(context.tx, meetingPrepProjection, run);
  }

  /** Entities, mentions and claims: a brief's subject and bullets. */
  @OnFollowedEvents('claims')
  async claimsEvents(run: DeliveredRun<'claims'>, context: DeliveryContext): Promise<void> {
    await applyDeliveredRun(context.tx, meetingPrepProjection, run);
  }
}
