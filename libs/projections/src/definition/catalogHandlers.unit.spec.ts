import { EVENT_CATALOG } from '@ledger/contracts';
import type { ProjectionHandler } from './projectionDefinition';
import {
  IGNORED,
  projectionHandlers,
  unhandledFollowedTypes,
  type FollowedHandlers,
  type ServiceHandlers,
} from './catalogHandlers';

const handle: ProjectionHandler = () => undefined;

describe('handler maps checked against the catalogue', () => {
  it('lists each type of a followed topic that a map neither handles nor ignores', () => {
    const map: FollowedHandlers<'claims'> = { EntityCreated: handle, MentionAdded: IGNORED };
    expect(unhandledFollowedTypes(['claims'], map)).toEqual(
      EVENT_CATALOG.claims.filter((type) => type !== 'EntityCreated' && type !== 'MentionAdded'),
    );
    expect(unhandledFollowedTypes(['claims', 'meeting-prep'], map)).toContain('BriefComposed');
  });

  it('finds nothing missing in a map that names every followed type, and nothing for no follows', () => {
    const map: ServiceHandlers<'meeting-prep', 'audit'> = {
      BriefComposed: handle,
      BriefViewed: IGNORED,
      AuditExported: handle,
    };
    expect(unhandledFollowedTypes(['meeting-prep'], map)).toEqual([]);
    expect(unhandledFollowedTypes([], {})).toEqual([]);
  });

  it('hands the runner the handlers without the ignored entries', () => {
    const map: FollowedHandlers<'meeting-prep'> = { BriefComposed: handle, BriefViewed: IGNORED };
    expect(Object.keys(projectionHandlers(map))).toEqual(['BriefComposed']);
  });
});
