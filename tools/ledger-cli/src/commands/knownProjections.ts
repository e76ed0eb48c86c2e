import { auditTrailProjection } from '@ledger/audit';
import { claimsProjection } from '@ledger/claims';
import { evidenceProjection } from '@ledger/evidence';
import { meetingPrepProjection } from '@ledger/meeting-prep';
import { demoProjection, ProjectionRegistry } from '@ledger/projections';

/**
 * Every projection an on-call engineer may list, rebuild or repair: the four services' read
 * models and the example. The CLI is a tool, so it may know the services; libraries may not.
 */
export function knownProjections(): ProjectionRegistry {
  return new ProjectionRegistry([
    evidenceProjection,
    claimsProjection,
    meetingPrepProjection,
    auditTrailProjection,
    demoProjection,
  ]);
}
