import type { ProjectionDefinition } from '@ledger/projections';
import { claimHandlers } from './claimHandlers';
import { CLAIMS_TABLES } from './claimsTables';
import { entityHandlers } from './entityHandlers';
import { evidenceHandlers } from './evidenceHandlers';

export const CLAIMS_PROJECTION_NAME = 'claims.graph';

/**
 * The claims service's read model: its own entities, mentions and claims, plus the evidence
 * service's documents and spans that commands check citations against and that decide whether
 * a claim's evidence is stale. Ids, offsets and event ids only: never personal data.
 */
export const claimsProjection: ProjectionDefinition = {
  name: CLAIMS_PROJECTION_NAME,
  version: 1,
  prefix: 'claims_',
  tables: CLAIMS_TABLES,
  handlers: { ...evidenceHandlers, ...entityHandlers, ...claimHandlers },
};
