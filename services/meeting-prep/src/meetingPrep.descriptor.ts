import { registerMeetingPrepRoutes } from '@ledger/contracts';
import { defineService } from '@ledger/host';
import { MeetingPrepModule } from './meetingPrep.module';
import { meetingPrepProjection } from './projection/meetingPrepProjection';

/** What the composition root needs of meeting prep: its module, read model, streams and routes. */
export const meetingPrepService = defineService({
  name: 'meeting-prep',
  prefix: 'meeting_prep_',
  categories: ['brief', 'briefaccess'],
  follows: ['evidence', 'claims'],
  projections: [meetingPrepProjection],
  module: MeetingPrepModule,
  registerRoutes: registerMeetingPrepRoutes,
  paths: ['/v1/briefs'],
});

/** The services meeting prep follows, as a type: its handler maps are checked against it at compile time. */
export type MeetingPrepFollows = (typeof meetingPrepService.follows)[number];
