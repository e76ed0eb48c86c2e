import { randomUUID } from 'node:crypto';
import { auditService } from '@ledger/audit';
import { claimsService } from '@ledger/claims';
import {
  allEventTypes,
  assertValidEventMessage,
  createEventValidator,
  currentSchemaVersion,
  serviceOf,
  type EventEnvelope,
} from '@ledger/contracts';
import { evidenceService } from '@ledger/evidence';
import { streamCategory } from '@ledger/ledger';
import { meetingPrepService } from '@ledger/meeting-prep';
import type { RequestContext } from '@ledger/tenancy';
import { auditEvents } from './auditProduced';
import { claimsEvents } from './claimsProduced';
import { toEventMessage, type ProducedEvent } from './eventMessage';
import { evidenceEvents } from './evidenceProduced';
import { meetingPrepEvents } from './meetingPrepProduced';

/*
 * Lives here rather than in contracts/: the services import the contracts package, so a
 * contracts test importing the services would make the two depend on each other.
 */

const ctx: RequestContext = {
  orgId: 'org-contracts',
  role: 'advisor',
  actor: 'user-advisor',
  requestId: 'req-1',
  correlationId: 'req-1',
  traceparent: `00-${'4bf92f3577b34da6a3ce929d0e0e4736'}-${'00f067aa0ba902b7'}-01`,
};

/** Producers are held to the closed schemas: a field they send must be in the contract. */
const validator = createEventValidator({ closed: true });

let produced: ProducedEvent[];
let messages: EventEnvelope[];

beforeAll(async () => {
  produced = [
    ...(await evidenceEvents(ctx)),
    ...claimsEvents(ctx),
    ...meetingPrepEvents(ctx, randomUUID()),
    ...auditEvents(ctx),
  ];
  const revisions = new Map<string, number>();
  messages = produced.map((event, orgSeq) => {
    const streamRevision = revisions.get(event.streamId) ?? 0;
    revisions.set(event.streamId, streamRevision + 1);
    return toEventMessage(ctx.orgId, event, { streamRevision, orgSeq });
  });
});

describe('events produced by the services’ own code', () => {
  it('cover every event type in the contract', () => {
    expect(new Set(produced.map((event) => event.type))).toEqual(new Set(allEventTypes()));
  });

  it.each(allEventTypes())('%s is produced at its current schema version', (type) => {
    const versions = messages.filter((message) => message.type === type).map((message) => message.schemaVersion);
    expect(new Set(versions)).toEqual(new Set([currentSchemaVersion(type)]));
  });

  it.each(allEventTypes())('%s conforms to its published schema', (type) => {
    const ofType = messages.filter((message) => message.type === type);
    expect(ofType.length).toBeGreaterThan(0);
    for (const message of ofType) assertValidEventMessage(validator, message);
  });

  it('are catalogued under the service that owns their stream, whose topic carries them', () => {
    const services = [evidenceService, claimsService, meetingPrepService, auditService];
    for (const event of produced) {
      const owner = services.find((service) => service.categories.includes(streamCategory(event.streamId)));
      expect([event.type, serviceOf(event.type)]).toEqual([event.type, owner?.name]);
    }
  });

  it('include every shape a brief bullet can cite', () => {
    const brief = messages.find((message) => message.type === 'BriefComposed');
    const bullets = (brief?.data as { bullets: { citations: { kind: string }[] }[] }).bullets;
    const kinds = new Set(bullets.flatMap((bullet) => bullet.citations.map((citation) => citation.kind)));
    expect(kinds).toEqual(new Set(['claim', 'mention', 'span']));
  });
});
