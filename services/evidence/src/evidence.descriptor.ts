import { registerEvidenceRoutes } from '@ledger/contracts';
import type { ServiceDescriptor } from '@ledger/http';
import { EvidenceModule } from './evidence.module';
import { evidenceProjection } from './projection/evidenceProjection';

/** The evidence service as the composition root hosts it. */
export const evidenceService: ServiceDescriptor = {
  name: 'evidence',
  prefix: 'evidence_',
  categories: ['evidence', 'evidenceaccount', 'evidenceaccess'],
  projections: [evidenceProjection],
  module: EvidenceModule,
  registerRoutes: registerEvidenceRoutes,
};
