import { followedServicesOf } from '@ledger/bus';
import { unhandledFollowedTypes } from '@ledger/projections';
import { claimsService } from '../claims.descriptor';
import { claimsHandlers } from './claimsProjection';
import { ClaimsMessageController } from './claims.message.controller';

// The descriptor's `follows` is the one declaration of what the service consumes.
describe('claims: the events it follows', () => {
  it('has a message handler for the topic of every service it follows, and no other', () => {
    expect([...followedServicesOf(ClaimsMessageController)].sort()).toEqual([...claimsService.follows].sort());
  });

  it('handles or explicitly ignores every event type published on those topics', () => {
    expect(unhandledFollowedTypes(claimsService.follows, claimsHandlers)).toEqual([]);
  });
});
