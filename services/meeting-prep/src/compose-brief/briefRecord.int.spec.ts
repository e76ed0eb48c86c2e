import { createPool, Ledger, LEDGER_WRITER_ROLE, type RecordedEvent } from '@ledger/ledger';
import { rebuildOrg } from '@ledger/projections';
import { DISCLAIMER } from '../brief/disclaimer';
import { meetingPrepProjection } from '../projection/meetingPrepProjection';
import { AVERY, MEETING_DATE, PERSONAL_STRINGS, seedHousehold } from '../testing/householdNarrative';
import { createMeetingPrepTestContext, type MeetingPrepTestContext } from '../testing/meetingPrepTestContext';
import { MeetingPrepApp } from '../meetingPrep.app';
import type { BriefView } from '../record/briefView';

let t: MeetingPrepTestContext;
let first: BriefView;
const input = (briefId: string) => ({ subjectEntityId: AVERY, meetingDate: MEETING_DATE, briefId });

async function streamEvents(ledger: Ledger, streamId: string, orgId = 'org-a'): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of ledger.readStream(orgId, streamId, { personal: 'decrypt' })) events.push(event);
  return events;
}

/** A brief without what names it, for comparing two briefs of the same state. */
function content(view: BriefView) {
  return {
    subject: view.subject,
    meetingDate: view.meetingDate,
    window: view.window,
    sources: view.sources,
    sections: view.sections.map((s) => ({
      ...s,
      bullets: s.bullets.map(({ bulletId, ...rest }) => ({ ...rest, bulletId: bulletId.replace(/^[^:]+/, '') })),
    })),
  };
}

beforeAll(async () => {
  t = await createMeetingPrepTestContext();
  const f = t.fixtures('org-a');
  await seedHousehold(f);
  await f.settle(t.deps.waiter);
  first = await t.app.compose(t.as('advisor'), input('b-1'));
});

afterAll(() => t.close());

describe('a brief as a ledger record', () => {
  it('is one BriefComposed event: ids, citations and hash in clear, texts only in the encrypted part', async () => {
    const [event, ...rest] = await streamEvents(t.db.ledger, 'brief-b-1');
    expect(rest).toEqual([]);
    expect(event.type).toBe('BriefComposed');
    expect(event.streamRevision).toBe(0);
    expect(event.metadata.actor).toBe('user-advisor');
    expect(event.data).toMatchObject({
      briefId: 'b-1',
      subject: { kind: 'Client', entityId: AVERY },
      meetingDate: MEETING_DATE,
      contentHash: first.contentHash,
      sources: first.sources,
    });
    const bullets = event.data.bullets as { bulletId: string; citations: unknown[] }[];
    expect(bullets.map((b) => b.bulletId)).toEqual(first.sections.flatMap((s) => s.bullets.map((b) => b.bulletId)));
    expect(bullets.every((b) => b.citations.length > 0 && !('text' in b))).toBe(true);
    expect(typeof event.data.readModelSeq).toBe('number');
    expect(event.personal?.brief).toMatchObject({ briefId: 'b-1', contentHash: first.contentHash });
  });

  it('keeps every personal string out of the ledger’s clear, hashed bytes', async () => {
    await t.db.ledger.sequencer.drain();
    const rows: { canonical: string }[] = [];
    for await (const event of t.db.ledger.readOrg('org-a')) rows.push(event);
    // The ciphertext is random bytes in base64: a short canary (four digits) can occur in it by chance.
    const clear = rows
      .map((r) => {
        const { personal, ...rest } = JSON.parse(r.canonical) as Record<string, unknown>;
        return JSON.stringify({ ...rest, personal: personal === null ? null : 'sealed' });
      })
      .join('\n');
    expect(clear).toContain('BriefComposed');
    for (const text of PERSONAL_STRINGS) expect(clear).not.toContain(text);
    expect(clear.toLowerCase()).not.toContain('guaranteed');
  });

  it('is read back from the ledger, hash re-checked, and the read is recorded as BriefViewed', async () => {
    const compliance = t.as('compliance', 'org-a', 'officer-7');
    const read = await t.app.get(compliance, 'b-1');
    expect(read).toEqual(first);
    const [viewed] = await streamEvents(t.db.ledger, 'briefaccess-2025-06-02');
    expect(viewed.type).toBe('BriefViewed');
    expect(viewed.data).toEqual({ briefId: 'b-1' });
    expect(viewed.metadata).toMatchObject({ actor: 'officer-7', correlationId: 'req-compliance' });
    const [composed] = await streamEvents(t.db.ledger, 'brief-b-1');
    expect(viewed.metadata.causationId).toBe(composed.eventId);
  });

  it('is deterministic: the same ledger state gives the same brief under another id', async () => {
    const second = await t.app.compose(t.as('advisor'), input('b-2'));
    expect(second.briefId).toBe('b-2');
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(content(second)).toEqual(content(first));
  });

  it('returns the stored brief for a retry with the same id and content, and refuses other content under it', async () => {
    const before = await t.db.ledger.orgSize('org-a');
    const retry = await t.app.compose(t.as('advisor'), input('b-1'));
    expect(retry).toEqual(first);
    expect(await streamEvents(t.db.ledger, 'brief-b-1')).toHaveLength(1);
    await expect(
      t.app.compose(t.as('advisor'), { ...input('b-1'), window: { daysBefore: 3, daysAfter: 3 } }),
    ).rejects.toMatchObject({ code: 'MEETING_PREP.BRIEF_EXISTS', details: { field: 'briefId', briefId: 'b-1' } });
    await t.db.ledger.sequencer.drain();
    expect(await t.db.ledger.orgSize('org-a')).toBe(before);
  });

  it('lists a subject’s briefs from the index, paged', async () => {
    const page = await t.app.list(t.as('compliance'), { subjectEntityId: AVERY, limit: 1 });
    expect(page.items).toEqual([
      expect.objectContaining({ briefId: 'b-1', meetingDate: MEETING_DATE, contentHash: first.contentHash }),
    ]);
    expect(page.items[0].bullets).toBe(first.sections.flatMap((s) => s.bullets).length);
    const next = await t.app.list(t.as('advisor'), { subjectEntityId: AVERY, limit: 1, cursor: page.nextCursor! });
    expect(next.items.map((i) => i.briefId)).toEqual(['b-2']);
    expect(next.nextCursor).toBeNull();
    await expect(t.app.list(t.as('advisor'), { subjectEntityId: AVERY, cursor: 'bogus' })).rejects.toMatchObject({
      code: 'MEETING_PREP.INVALID_FIELD',
      details: { field: 'cursor' },
    });
  });

  it('survives a restart and a rebuild of the read models: bullets come from the ledger', async () => {
    const writer = createPool({ connectionString: t.db.database.url, max: 4, role: LEDGER_WRITER_ROLE });
    const ledger = new Ledger({ pool: writer, keyProvider: t.db.keyProvider, runSequencer: false });
    try {
      const rebuilt = await rebuildOrg({ pool: t.db.pool, ledger }, meetingPrepProjection, 'org-a', {
        actor: 'on-call',
      });
      expect(rebuilt.outcome).toBe('switched');
      const app = new MeetingPrepApp({ ...t.deps, ledger });
      expect(await app.get(t.as('advisor'), 'b-1')).toEqual(first);
      const listed = await app.list(t.as('advisor'), { subjectEntityId: AVERY });
      expect(listed.items.map((i) => i.briefId)).toEqual(['b-1', 'b-2']);
    } finally {
      await ledger.close();
      await writer.end();
    }
  });

  it('reads an erased brief as erased: ids, citations and disclaimer stay, texts are gone', async () => {
    await t.app.compose(t.as('advisor'), input('b-erase'));
    expect(await t.db.ledger.shred('org-a', 'brief-b-erase')).toBe(true);
    const erased = await t.app.get(t.as('advisor'), 'b-erase');
    expect(erased.personalState).toBe('erased');
    expect(erased.disclaimer).toBe(DISCLAIMER);
    const bullets = erased.sections.flatMap((s) => s.bullets);
    expect(bullets.map((b) => b.text)).toEqual(bullets.map(() => null));
    expect(bullets.map((b) => b.citations)).toEqual(first.sections.flatMap((s) => s.bullets.map((b) => b.citations)));
    expect(erased.contentHash).not.toBe(first.contentHash);
    const viewed = await streamEvents(t.db.ledger, 'briefaccess-2025-06-02');
    expect(viewed.map((e) => e.data.briefId)).toContain('b-erase');
  });

  it('is not found under an unknown id, and an id that cannot name a stream is a validation error', async () => {
    await expect(t.app.get(t.as('advisor'), 'b-missing')).rejects.toMatchObject({
      code: 'MEETING_PREP.BRIEF_NOT_FOUND',
    });
    await expect(t.app.get(t.as('advisor'), '../x')).rejects.toMatchObject({
      code: 'MEETING_PREP.INVALID_FIELD',
      details: { field: 'briefId' },
    });
  });
});
