import { Controller } from '@nestjs/common';
import { OnFollowedEvents, type DeliveredRun, type DeliveryContext } from '@ledger/bus';
import { applyDeliveredRun } from '@ledger/projections';
import { claimsProjection } from './claimsProjection';

/** The claims service's Kafka side: the topics its descriptor follows, folded into its read model. */
@Controller()
export class ClaimsMessageController {
  /** Documents and spans, which claims check citations against. */
  @OnFollowedEvents('evidence')
  async evidenceEvents(run: DeliveredRun<'evidence'>, context: DeliveryContext): Promise<void> {
    await applyDeliveredRun(context.tx, claimsProjection, run);
  }
}
