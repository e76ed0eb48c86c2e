import { auditTrailProjection } from '@ledger/audit';
import { claimsProjection } from '@ledger/claims';
import { evidenceProjection } from '@ledger/evidence';
import { meetingPrepProjection } from '@ledger/meeting-prep';
import { ProjectionRegistry } from '@ledger/projections';

/**
 * The projections the services run, which an on-call engineer may list, rebuild or repair.
 * The library's example (`demo.accounts`) is left out: no service runs it, so it would only
 * show as an org stuck at `new`. The CLI is a tool, so it may know the services; libraries may not.
 */
export function knownProjections(): ProjectionRegistry {
  return new ProjectionRegistry([evidenceProjection, claimsProjection, meetingPrepProjection, auditTrailProjection]);
}
