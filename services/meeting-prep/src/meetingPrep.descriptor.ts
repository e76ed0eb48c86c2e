import { registerMeetingPrepRoutes } from '@ledger/contracts';
import type { ServiceDescriptor } from '@ledger/http';
import { MeetingPrepModule } from './meetingPrep.module';
import { meetingPrepProjection } from './projection/meetingPrepProjection';

/** What the composition root needs of meeting prep: its module, read model, streams and routes. */
export const meetingPrepService: ServiceDescriptor = {
  name: 'meeting-prep',
  prefix: 'meeting_prep_',
  categories: ['brief', 'briefaccess'],
  projections: [meetingPrepProjection],
  module: MeetingPrepModule,
  registerRoutes: registerMeetingPrepRoutes,
};
