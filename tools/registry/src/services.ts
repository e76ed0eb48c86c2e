import { auditService } from '@ledger/audit';
import { claimsService } from '@ledger/claims';
import { evidenceService } from '@ledger/evidence';
import { checkDistinctClaims, type ServiceDescriptor } from '@ledger/host';
import { meetingPrepService } from '@ledger/meeting-prep';

/**
 * Every service of the deployment, in a fixed order (ports, routes, projections, docs). A new
 * service is its package with its descriptor and one line here.
 */
export const SERVICES: readonly ServiceDescriptor[] = [
  evidenceService,
  claimsService,
  meetingPrepService,
  auditService,
];

checkDistinctClaims(SERVICES);
