import { activeGeneration } from '@ledger/projections';
import { AVERY, MEETING_DATE } from '../testing/householdNarrative';
import { createMeetingPrepTestContext, type MeetingPrepTestContext } from '../testing/meetingPrepTestContext';
import { MEETING_PREP_PROJECTION } from './tables';

let t: MeetingPrepTestContext;

beforeAll(async () => {
  t = await createMeetingPrepTestContext();
});

afterAll(() => t.close());

async function rows(table: string, orgId = 'org-a'): Promise<Record<string, unknown>[]> {
  const generation = await activeGeneration(t.db.pool, MEETING_PREP_PROJECTION, orgId);
  const { rows: found } = await t.db.pool.query(
    `SELECT * FROM ${table} WHERE org_id = $1 AND generation = $2 ORDER BY 3`,
    [orgId, generation],
  );
  return found.map(({ org_id: _org, generation: _generation, ...rest }) => rest);
}

describe('the meeting-prep projection', () => {
  it('folds entities, mentions, claims and document versions into ids, offsets and event ids', async () => {
    const f = t.fixtures('org-a');
    const v1 = await f.message({
      documentId: 'doc-1',
      threadId: 'thr-1',
      sentAt: '2025-06-01T00:00:00Z',
      from: 'a@example.test',
      to: [],
      content: 'First version text.',
    });
    const span = await f.span(v1, 'version', 'span-1');
    await f.message({
      documentId: 'doc-1',
      threadId: 'thr-1',
      sentAt: '2025-06-01T00:00:00Z',
      from: 'a@example.test',
      to: [],
      content: 'Second version text.',
    });
    await f.entity('e-1', 'Client', 'Somebody');
    await f.mention('e-1', 'm-1', span);
    await f.claim('c-1', 'e-1', 'statedPreference', { literal: 'low fees' }, [span]);
    await f.claim('c-2', 'e-1', 'statedPreference', { literal: 'lower fees' }, [span], 'c-1');
    await f.tombstone('doc-1');
    await f.settle(t.deps.waiter);

    const [entity] = await rows('meeting_prep_entities');
    expect(entity).toMatchObject({ entity_id: 'e-1', kind: 'Client' });
    const [created] = await t.db.ledger.readEvents('org-a', [String(entity.label_event_id)], 'decrypt');
    expect(created.personal).toEqual({ label: 'Somebody' });
    expect(await rows('meeting_prep_mentions')).toEqual([
      expect.objectContaining({ mention_id: 'm-1', span_id: 'span-1', document_version_id: 'doc-1:v1', start_char: 6 }),
    ]);
    expect(await rows('meeting_prep_claims')).toEqual([
      expect.objectContaining({ claim_id: 'c-1', status: 'superseded', events: '2' }),
      expect.objectContaining({ claim_id: 'c-2', status: 'current', events: '1', citations: [span] }),
    ]);
    expect(await rows('meeting_prep_documents')).toEqual([
      expect.objectContaining({
        document_id: 'doc-1',
        latest_version_id: 'doc-1:v2',
        latest_version: 2,
        tombstoned: true,
      }),
    ]);
    await f.resurrect('doc-1');
    await f.settle(t.deps.waiter);
    expect(await rows('meeting_prep_documents')).toEqual([expect.objectContaining({ tombstoned: false })]);
    const text = JSON.stringify(
      await Promise.all(['entities', 'mentions', 'claims', 'documents'].map((n) => rows(`meeting_prep_${n}`))),
    );
    for (const personal of ['Somebody', 'low fees', 'version text', 'a@example.test'])
      expect(text).not.toContain(personal);
  });

  it('reads other services’ events tolerantly: malformed or misplaced ones are passed over, not fatal', async () => {
    const f = t.fixtures('org-t');
    await f.raw('claim-bad', 'ClaimAsserted', { claimId: 7, subjectEntityId: 'e', predicate: 'x', object: {} });
    await f.raw('claim-bad2', 'ClaimAsserted', { claimId: 'bad2', subjectEntityId: 'e', predicate: 'x' });
    await f.raw('notes-1', 'EntityCreated', { entityId: 'e-stray', kind: 'Client' });
    await f.raw('entity-e', 'MentionAdded', {
      entityId: 'e',
      mentionId: 'm',
      span: { spanId: 's', startChar: 5, endChar: 2 },
    });
    await f.raw('evidence-d', 'DocumentIngested', { documentId: 'd', documentVersionId: 'd:v1' });
    await f.raw('brief-x', 'BriefComposed', { briefId: 'x' });
    await f.entity('e-ok', 'Household', 'Fine');
    await f.settle(t.deps.waiter);
    const { rows: state } = await t.db.pool.query('SELECT status FROM projection_state WHERE org_id = $1', ['org-t']);
    expect(state).toEqual([{ status: 'running' }]);
    expect((await rows('meeting_prep_entities', 'org-t')).map((r) => r.entity_id)).toEqual(['e-ok']);
    for (const table of ['claims', 'mentions', 'documents', 'briefs']) {
      expect(await rows(`meeting_prep_${table}`, 'org-t')).toEqual([]);
    }
  });

  it('lets a brief see what was recorded just before it was asked for', async () => {
    const f = t.fixtures('org-w');
    const v = await f.message({
      documentId: 'doc-w',
      threadId: 'thr-w',
      sentAt: '2025-06-10T00:00:00Z',
      from: 'w@example.test',
      to: [],
      content: 'Please rebalance.',
    });
    await f.entity(AVERY, 'Client', 'Wren');
    await f.claim('c-w', AVERY, 'statedPreference', { literal: 'rebalance quarterly' }, [
      await f.span(v, 'rebalance', 'span-w'),
    ]);
    // Sequenced but not awaited in the read models: compose must catch up first.
    await t.db.ledger.sequencer.drain();
    const brief = await t.app.compose(t.as('advisor', 'org-w'), { subjectEntityId: AVERY, meetingDate: MEETING_DATE });
    expect(brief.sections[0].bullets.map((b) => b.text)).toEqual(['Wren: stated preference rebalance quarterly.']);
  });
});
