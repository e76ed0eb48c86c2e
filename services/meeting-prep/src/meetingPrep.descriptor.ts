import { registerMeetingPrepRoutes } from '@ledger/contracts';
import { defineService, type ServiceDescriptor } from '@ledger/host';
import { MeetingPrepModule } from './meetingPrep.module';
import { meetingPrepProjection } from './projection/meetingPrepProjection';

/** What the composition root needs of meeting prep: its module, read model, streams and routes. */
export const meetingPrepService: ServiceDescriptor = defineService({
  name: 'meeting-prep',
  prefix: 'meeting_prep_',
  categories: ['brief', 'briefaccess'],
  follows: ['evidence', 'claims'],
  projections: [meetingPrepProjection],
  module: MeetingPrepModule,
  registerRoutes: registerMeetingPrepRoutes,
  paths: ['/v1/briefs'],
});
