import { auditService } from '@ledger/audit';
import { claimsService } from '@ledger/claims';
import { evidenceService } from '@ledger/evidence';
import type { ServiceDescriptor } from '@ledger/http';
import { meetingPrepService } from '@ledger/meeting-prep';

/** The four services a single-node process hosts, in a fixed order (routes, projections, docs). */
export const ALL_SERVICES: readonly ServiceDescriptor[] = [
  evidenceService,
  claimsService,
  meetingPrepService,
  auditService,
];
