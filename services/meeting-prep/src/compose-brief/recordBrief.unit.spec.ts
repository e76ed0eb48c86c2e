import { InMemoryEventStore, type AppendRequest, type AppendResult, type RecordedEvent } from '@ledger/ledger';
import { composeBrief, briefStreamId } from '../compose/composeBrief';
import { BRIEF_COMPOSED } from '../record/briefEvents';
import { REQUEST } from '../testing/briefFixtures';
import { recordBrief } from './recordBrief';

const ORG = 'org-a';
const metadata = { actor: 'adv-1', correlationId: 'req-1' };
const brief = composeBrief(REQUEST);
const other = composeBrief({ ...REQUEST, meetingDate: '2025-07-01' });
const streamId = briefStreamId(brief.briefId);

async function streamOf(store: InMemoryEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(ORG, streamId, { personal: 'decrypt' })) events.push(event);
  return events;
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'ok',
    (error: { code?: unknown }) => error.code,
  );
}

describe('recording a composed brief (in memory)', () => {
  it('given no brief, when recorded, then BriefComposed holds ids in clear and the brief in the personal part', async () => {
    const store = new InMemoryEventStore();
    const recorded = await recordBrief(store, ORG, metadata, { brief, readModelSeq: 7 });
    const events = await streamOf(store);
    expect(events.map((e) => e.type)).toEqual([BRIEF_COMPOSED]);
    expect(events[0]).toMatchObject({
      data: { briefId: brief.briefId, contentHash: brief.contentHash, readModelSeq: 7 },
      personal: { brief: { briefId: brief.briefId, contentHash: brief.contentHash } },
      metadata,
    });
    expect(JSON.stringify(events[0].data)).not.toContain('Avery Quinn');
    expect(recorded.event.eventId).toBe(events[0].eventId);
    expect(recorded.event.personalState).toBe('present');
    expect(recorded.positions).toEqual([events[0].position]);
  });

  it('given the same brief recorded, when recorded again, then nothing is appended and the stored one returns', async () => {
    const store = new InMemoryEventStore();
    const first = await recordBrief(store, ORG, metadata, { brief, readModelSeq: 7 });
    const again = await recordBrief(store, ORG, { actor: 'adv-2' }, { brief, readModelSeq: 9 });
    expect(again.positions).toEqual([]);
    expect(again.event.eventId).toBe(first.event.eventId);
    expect(again.event.data.readModelSeq).toBe(7);
    expect(await store.countEvents(ORG)).toBe(1);
  });

  it('given another brief under the id, when recorded, then MEETING_PREP.BRIEF_EXISTS and nothing is appended', async () => {
    const store = new InMemoryEventStore();
    await recordBrief(store, ORG, metadata, { brief, readModelSeq: null });
    const taken = { ...other, briefId: brief.briefId };
    expect(await codeOf(recordBrief(store, ORG, metadata, { brief: taken, readModelSeq: null }))).toBe(
      'MEETING_PREP.BRIEF_EXISTS',
    );
    expect(await store.countEvents(ORG)).toBe(1);
  });

  it('given a stream of the id holding no brief, when recorded, then MEETING_PREP.BRIEF_EXISTS', async () => {
    const store = new InMemoryEventStore();
    await store.append({
      orgId: ORG,
      streamId,
      expectedRevision: 'no_stream',
      events: [{ type: 'SomethingElse', data: {}, metadata }],
    });
    expect(await codeOf(recordBrief(store, ORG, metadata, { brief, readModelSeq: null }))).toBe(
      'MEETING_PREP.BRIEF_EXISTS',
    );
    expect(await store.countEvents(ORG)).toBe(1);
  });

  it('when a racing writer records the same brief first, then the retry returns that record', async () => {
    const store = new InMemoryEventStore();
    let raced = false;
    const racing = {
      readStream: store.readStream.bind(store),
      readEvents: store.readEvents.bind(store),
      async append(request: AppendRequest): Promise<AppendResult> {
        if (!raced) {
          raced = true;
          await store.append({ ...request, events: request.events.map((e) => ({ ...e, eventId: undefined })) });
        }
        return store.append(request);
      },
    };
    const recorded = await recordBrief(racing, ORG, metadata, { brief, readModelSeq: 1 });
    const events = await streamOf(store);
    expect(events).toHaveLength(1);
    expect(recorded.positions).toEqual([]);
    expect(recorded.event.eventId).toBe(events[0].eventId);
  });
});
