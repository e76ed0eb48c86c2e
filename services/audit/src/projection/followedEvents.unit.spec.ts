import { followedServicesOf } from '@ledger/bus';
import { unhandledFollowedTypes } from '@ledger/projections';
import { auditService } from '../audit.descriptor';
import { AuditMessageController } from './audit.message.controller';
import { auditTrailProjection } from './auditTrailProjection';

// The descriptor's `follows` is the one declaration of what the service consumes.
describe('audit: the events it follows', () => {
  it('has a message handler for the topic of every service it follows, and no other', () => {
    expect([...followedServicesOf(AuditMessageController)].sort()).toEqual([...auditService.follows].sort());
  });

  it('records every event type published on those topics in its trail', () => {
    expect(unhandledFollowedTypes(auditService.follows, auditTrailProjection.handlers)).toEqual([]);
  });
});
