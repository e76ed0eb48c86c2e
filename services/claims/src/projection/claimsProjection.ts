import { join } from 'node:path';
import { projectionHandlers, type ProjectionDefinition, type ServiceHandlers } from '@ledger/projections';
import type { ClaimsFollows } from '../claims.descriptor';
import { claimHandlers } from './claimHandlers';
import { CLAIMS_TABLES } from './claimsTables';
import { entityHandlers } from './entityHandlers';
import { evidenceHandlers } from './evidenceHandlers';

export const CLAIMS_PROJECTION_NAME = 'claims.graph';

/** Every evidence type claims follows is named here, handled or ignored (checked by the compiler and a test). */
export const claimsHandlers = {
  ...evidenceHandlers,
  ...entityHandlers,
  ...claimHandlers,
} satisfies ServiceHandlers<ClaimsFollows, 'claims'>;

/**
 * The claims service's read model: its own entities, mentions and claims, plus the evidence
 * service's documents and spans that commands check citations against and that decide whether
 * a claim's evidence is stale. Ids, offsets and event ids only: never personal data.
 */
export const claimsProjection: ProjectionDefinition = {
  name: CLAIMS_PROJECTION_NAME,
  // 2: rows keep the ending events' ids instead of their reasons.
  version: 2,
  prefix: 'claims_',
  tables: CLAIMS_TABLES,
  handlers: projectionHandlers(claimsHandlers),
  migrations: { dir: join(__dirname, '..', '..', 'migrations'), namespace: 'claims' },
};
