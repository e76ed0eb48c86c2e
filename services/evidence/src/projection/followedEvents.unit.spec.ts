import { followedServicesOf } from '@ledger/bus';
import { unhandledFollowedTypes } from '@ledger/projections';
import { evidenceService } from '../evidence.descriptor';
import { evidenceHandlers } from './evidenceProjection';
import { EvidenceMessageController } from './evidence.message.controller';

// The descriptor's `follows` is the one declaration of what the service consumes.
describe('evidence: the events it follows', () => {
  it('has a message handler for the topic of every service it follows, and no other', () => {
    expect([...followedServicesOf(EvidenceMessageController)].sort()).toEqual([...evidenceService.follows].sort());
  });

  it('handles or explicitly ignores every event type published on those topics', () => {
    expect(unhandledFollowedTypes(evidenceService.follows, evidenceHandlers)).toEqual([]);
  });
});
