import { registerAuditRoutes } from '@ledger/contracts';
import type { ServiceDescriptor } from '@ledger/http';
import { AuditModule } from './audit.module';
import { auditTrailProjection } from './projection/auditTrailProjection';

export const auditService: ServiceDescriptor = {
  name: 'audit',
  prefix: 'audit_',
  // Exports are recorded in `audit-export-<id>`; projection admin events go to `audit-projections`.
  categories: ['audit'],
  projections: [auditTrailProjection],
  module: AuditModule,
  registerRoutes: registerAuditRoutes,
};
