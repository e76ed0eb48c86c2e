import { registerEvidenceRoutes } from '@ledger/contracts';
import { defineService, type ServiceDescriptor } from '@ledger/host';
import { EvidenceModule } from './evidence.module';
import { evidenceProjection } from './projection/evidenceProjection';

/** The evidence service as the composition root hosts it. */
export const evidenceService: ServiceDescriptor = defineService({
  name: 'evidence',
  prefix: 'evidence_',
  categories: ['evidence', 'evidenceaccount', 'evidenceaccess'],
  // Its Evidence.List index folds mentions, claims and brief bullets.
  follows: ['claims', 'meeting-prep'],
  projections: [evidenceProjection],
  module: EvidenceModule,
  registerRoutes: registerEvidenceRoutes,
  paths: ['/v1/provider-accounts', '/v1/documents', '/v1/threads', '/v1/spans', '/v1/evidence'],
});
