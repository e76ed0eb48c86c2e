import { inMemoryCommands, type InMemoryCommands } from '../testing/inMemoryCommands';
import { addMention } from '../add-mention/addMention.handler';
import { createEntity } from '../create-entity/createEntity.handler';
import { retractMention } from '../retract-mention/retractMention.handler';

const STREAM = 'entity-client-1';
const span1 = { spanId: 'span-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 10 };
const created = { type: 'EntityCreated', data: { entityId: 'client-1', kind: 'Client' }, personal: { label: 'Avery' } };
const mentioned = { type: 'MentionAdded', data: { entityId: 'client-1', mentionId: 'm-1', span: span1 } };

describe('entity commands (in memory)', () => {
  let t: InMemoryCommands;
  const types = async () => (await t.events(STREAM)).map((e) => e.type);
  beforeEach(() => {
    t = inMemoryCommands();
  });

  it('creates an entity, its label personal, and answers revision 0', async () => {
    const receipt = await createEntity(t.deps, t.ctx, { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' });
    expect(receipt).toEqual({ entityId: 'client-1', kind: 'Client', revision: 0 });
    const [event] = await t.events(STREAM);
    expect(event).toMatchObject({ type: 'EntityCreated', data: created.data, personal: { label: 'Avery Quinn' } });
    expect(event.canonical).not.toContain('Avery Quinn');
    expect(t.waited).toEqual([[event.position]]);
  });

  it('refuses an existing id and an unknown kind, appending nothing', async () => {
    await t.given(STREAM, [created]);
    await expect(
      createEntity(t.deps, t.ctx, { entityId: 'client-1', kind: 'Client', label: 'Again' }),
    ).rejects.toMatchObject({ code: 'CLAIMS.ENTITY_EXISTS' });
    await expect(createEntity(t.deps, t.ctx, { entityId: 'pet-1', kind: 'Pet', label: 'Rex' })).rejects.toMatchObject({
      code: 'CLAIMS.UNKNOWN_ENTITY_KIND',
    });
    expect(await types()).toEqual(['EntityCreated']);
    expect(await t.store.countEvents('org-1')).toBe(1);
  });

  it('adds a mention pinning the span as evidence knows it', async () => {
    await t.given(STREAM, [created]);
    const receipt = await addMention(t.deps, t.ctx, 'client-1', { mentionId: 'm-1', spanId: 'span-1' });
    expect(receipt).toEqual({ entityId: 'client-1', mentionId: 'm-1', span: span1, retracted: false, revision: 1 });
    expect((await t.events(STREAM))[1]).toMatchObject(mentioned);
  });

  it('answers a repeated mention as the first time and appends nothing', async () => {
    await t.given(STREAM, [created, mentioned]);
    const receipt = await addMention(t.deps, t.ctx, 'client-1', { mentionId: 'm-1', spanId: 'span-1' });
    expect(receipt).toEqual({ entityId: 'client-1', mentionId: 'm-1', span: span1, retracted: false, revision: 1 });
    expect(await types()).toEqual(['EntityCreated', 'MentionAdded']);
    expect(t.waited).toEqual([]);
  });

  it.each([
    ['a span of a superseded version', 'span-old', 'CLAIMS.STALE_CITATION'],
    ["another org's span", 'span-foreign', 'CLAIMS.SPAN_NOT_FOUND'],
    ['an unknown span', 'span-9', 'CLAIMS.SPAN_NOT_FOUND'],
  ])('refuses a mention of %s', async (_case, spanId, code) => {
    await t.given(STREAM, [created]);
    await expect(addMention(t.deps, t.ctx, 'client-1', { mentionId: 'm-2', spanId })).rejects.toMatchObject({ code });
    expect(await types()).toEqual(['EntityCreated']);
  });

  it('refuses a mention of an entity that does not exist', async () => {
    await expect(addMention(t.deps, t.ctx, 'client-9', { spanId: 'span-1' })).rejects.toMatchObject({
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    });
    expect(await t.store.hasEvents('org-1')).toBe(false);
  });

  it('retracts a mention once; retracting it again appends nothing', async () => {
    await t.given(STREAM, [created, mentioned]);
    const first = await retractMention(t.deps, t.ctx, 'client-1', 'm-1', { reason: 'wrong person' });
    expect(first).toEqual({ entityId: 'client-1', mentionId: 'm-1', span: span1, retracted: true, revision: 2 });
    const again = await retractMention(t.deps, t.ctx, 'client-1', 'm-1', { reason: 'wrong person' });
    expect(again).toEqual(first);
    const events = await t.events(STREAM);
    expect(events.map((e) => e.type)).toEqual(['EntityCreated', 'MentionAdded', 'MentionRetracted']);
    expect([events[2].schemaVersion, events[2].data, events[2].personal]).toEqual([
      2,
      { entityId: 'client-1', mentionId: 'm-1' },
      { reason: 'wrong person' },
    ]);
  });

  it('refuses to retract an unknown mention', async () => {
    await t.given(STREAM, [created]);
    await expect(retractMention(t.deps, t.ctx, 'client-1', 'm-9', { reason: 'wrong person' })).rejects.toMatchObject({
      code: 'CLAIMS.MENTION_NOT_FOUND',
    });
    expect(await types()).toEqual(['EntityCreated']);
  });
});
