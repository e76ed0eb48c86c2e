import { Controller } from '@nestjs/common';
import { OnFollowedEvents, type DeliveredRun, type DeliveryContext } from '@ledger/bus';
import { applyDeliveredRun } from '@ledger/projections';
import { evidenceProjection } from './evidenceProjection';

/** The evidence service's Kafka side: what other services cite, for Evidence.List's index. */
@Controller()
export class EvidenceMessageController {
  /** Entities, mentions and claims citing spans. */
  @OnFollowedEvents('claims')
  async claimsEvents(run: DeliveredRun<'claims'>, context: DeliveryContext): Promise<void> {
    await applyDeliveredRun(context.tx, evidenceProjection, run);
  }

  /** Briefs whose bullets cite spans. */
  @OnFollowedEvents('meeting-prep')
  async meetingPrepEvents(run: DeliveredRun<'meeting-prep'>, context: DeliveryContext): Promise<void> {
    await applyDeliveredRun(context.tx, evidenceProjection, run);
  }
}
