import { followedServicesOf } from '@ledger/bus';
import { unhandledFollowedTypes } from '@ledger/projections';
import { meetingPrepService } from '../meetingPrep.descriptor';
import { meetingPrepHandlers } from './meetingPrepProjection';
import { MeetingPrepMessageController } from './meetingPrep.message.controller';

// The descriptor's `follows` is the one declaration of what the service consumes.
describe('meeting prep: the events it follows', () => {
  it('has a message handler for the topic of every service it follows, and no other', () => {
    expect([...followedServicesOf(MeetingPrepMessageController)].sort()).toEqual(
      [...meetingPrepService.follows].sort(),
    );
  });

  it('handles or explicitly ignores every event type published on those topics', () => {
    expect(unhandledFollowedTypes(meetingPrepService.follows, meetingPrepHandlers)).toEqual([]);
  });
});
