import { registerClaimsRoutes } from '@ledger/contracts';
import type { ServiceDescriptor } from '@ledger/http';
import { CLAIM_STREAM_CATEGORY } from './claims/claimEvents';
import { ENTITY_STREAM_CATEGORY } from './entities/entityEvents';
import { ClaimsModule } from './claims.module';
import { claimsProjection } from './projection/claimsProjection';

/** What the composition root needs to host the claims service. */
export const claimsService: ServiceDescriptor = {
  name: 'claims',
  prefix: 'claims_',
  categories: [ENTITY_STREAM_CATEGORY, CLAIM_STREAM_CATEGORY],
  projections: [claimsProjection],
  module: ClaimsModule,
  registerRoutes: registerClaimsRoutes,
};
