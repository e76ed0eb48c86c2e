import { Controller } from '@nestjs/common';
import { OnFollowedEvents, type DeliveredRun, type DeliveryContext } from '@ledger/bus';
import { applyDeliveredRun } from '@ledger/projections';
import type { AuditFollows } from '../audit.descriptor';
import { auditTrailProjection } from './auditTrailProjection';

/** The audit service's Kafka side: every other service's events, one trail row each. */
@Controller()
export class AuditMessageController {
  /** The trail records every type alike, so one handler serves the three topics. */
  @OnFollowedEvents('evidence', 'claims', 'meeting-prep')
  async followedEvents(run: DeliveredRun<AuditFollows>, context: DeliveryContext): Promise<void> {
    await applyDeliveredRun(context.tx, auditTrailProjection, run);
  }
}
