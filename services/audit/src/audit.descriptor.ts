import { registerAuditRoutes } from '@ledger/contracts';
import { defineService } from '@ledger/host';
import { AuditModule } from './audit.module';
import { auditTrailProjection } from './projection/auditTrailProjection';

export const auditService = defineService({
  name: 'audit',
  prefix: 'audit_',
  // Exports are recorded in `audit-export-<id>`; projection admin events go to `audit-projections`.
  categories: ['audit'],
  follows: ['evidence', 'claims', 'meeting-prep'],
  projections: [auditTrailProjection],
  module: AuditModule,
  registerRoutes: registerAuditRoutes,
  paths: ['/v1/audit'],
});

/** The services audit follows, as a type: the runs its message handler takes are typed by it. */
export type AuditFollows = (typeof auditService.follows)[number];
