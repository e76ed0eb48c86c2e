import { Module } from '@nestjs/common';
import type { EventStore, GroupAppender } from '@ledger/ledger';
import { ACCESS_RECORDER, DB_POOL, LEDGER, PROJECTION_WAITER } from '@ledger/http';
import type { ProjectionWaiter } from '@ledger/projections';
import type { Pool } from 'pg';
import { MeetingPrepApp } from './meetingPrep.app';
import { ComposeBriefHttpController } from './compose-brief/composeBrief.http.controller';
import { ListBriefsHttpController } from './list-briefs/listBriefs.http.controller';
import { ReadBriefHttpController } from './read-brief/readBrief.http.controller';
import { MEETING_PREP_APP } from './http/tokens';
import { MeetingPrepMessageController } from './projection/meetingPrep.message.controller';

@Module({
  controllers: [
    ComposeBriefHttpController,
    ReadBriefHttpController,
    ListBriefsHttpController,
    MeetingPrepMessageController,
  ],
  providers: [
    {
      provide: MEETING_PREP_APP,
      useFactory: (ledger: EventStore, pool: Pool, waiter: ProjectionWaiter, access: GroupAppender) =>
        new MeetingPrepApp({ ledger, pool, waiter, access }),
      inject: [LEDGER, DB_POOL, PROJECTION_WAITER, ACCESS_RECORDER],
    },
  ],
})
export class MeetingPrepModule {}
