import { registerClaimsRoutes } from '@ledger/contracts';
import { defineService } from '@ledger/host';
import { CLAIM_STREAM_CATEGORY } from './claims/claimEvents';
import { ENTITY_STREAM_CATEGORY } from './entities/entityEvents';
import { ClaimsModule } from './claims.module';
import { claimsProjection } from './projection/claimsProjection';

/** What the composition root needs to host the claims service. */
export const claimsService = defineService({
  name: 'claims',
  prefix: 'claims_',
  categories: [ENTITY_STREAM_CATEGORY, CLAIM_STREAM_CATEGORY],
  // Spans and document versions, for stale-evidence flags.
  follows: ['evidence'],
  projections: [claimsProjection],
  module: ClaimsModule,
  registerRoutes: registerClaimsRoutes,
  paths: ['/v1/entities', '/v1/claims'],
});

/** The services claims follows, as a type: its handler maps are checked against it at compile time. */
export type ClaimsFollows = (typeof claimsService.follows)[number];
