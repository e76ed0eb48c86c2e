import type { ProjectionDefinition } from '@ledger/projections';
import { briefHandlers } from './briefHandlers';
import { claimHandlers } from './claimHandlers';
import { documentHandlers } from './documentHandlers';
import { entityHandlers } from './entityHandlers';
import { MEETING_PREP_PROJECTION, MEETING_PREP_TABLES } from './tables';

/**
 * What a brief is composed from, folded from the claims and evidence events (read, never
 * imported: see eventFields), plus the index of composed briefs. Rows hold ids, offsets and the
 * event ids whose personal parts hold labels, literals and messages.
 */
export const meetingPrepProjection: ProjectionDefinition = {
  name: MEETING_PREP_PROJECTION,
  version: 1,
  prefix: 'meeting_prep_',
  tables: MEETING_PREP_TABLES,
  handlers: { ...entityHandlers, ...claimHandlers, ...documentHandlers, ...briefHandlers },
};
