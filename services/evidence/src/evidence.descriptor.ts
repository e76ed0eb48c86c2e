import { registerEvidenceRoutes } from '@ledger/contracts';
import { defineService } from '@ledger/host';
import { EvidenceModule } from './evidence.module';
import { evidenceProjection } from './projection/evidenceProjection';

/** The evidence service as the composition root hosts it. */
export const evidenceService = defineService({
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

/** The services evidence follows, as a type: its handler maps are checked against it at compile time. */
export type EvidenceFollows = (typeof evidenceService.follows)[number];
