import { projectionHandlers, type ProjectionDefinition, type ServiceHandlers } from '@ledger/projections';
import type { MeetingPrepFollows } from '../meetingPrep.descriptor';
import { briefHandlers } from './briefHandlers';
import { claimHandlers } from './claimHandlers';
import { documentHandlers } from './documentHandlers';
import { entityHandlers } from './entityHandlers';
import { MEETING_PREP_PROJECTION, MEETING_PREP_TABLES } from './tables';

/** Every evidence and claims type meeting prep follows is named here, handled or ignored. */
export const meetingPrepHandlers = {
  ...entityHandlers,
  ...claimHandlers,
  ...documentHandlers,
  ...briefHandlers,
} satisfies ServiceHandlers<MeetingPrepFollows, 'meeting-prep'>;

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
  handlers: projectionHandlers(meetingPrepHandlers),
};
