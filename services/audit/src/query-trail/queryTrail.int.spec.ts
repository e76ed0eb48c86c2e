import { contextFor, createAuditTestContext, event, tick, type AuditTestContext } from '../testing/auditTestContext';
import { queryTrail, type TrailItem } from './queryTrail.handler';
import type { TrailQuery } from '../trail/trailQuery';

describe('queryTrail', () => {
  let t: AuditTestContext;
  let middle: Date;
  const compliance = contextFor('org-a', 'compliance');
  const query = (q: TrailQuery, ctx = compliance) => queryTrail(t.deps, ctx, q);
  const types = (items: TrailItem[]) => items.map((item) => item.type);

  beforeAll(async () => {
    t = await createAuditTestContext();
    await t.record('org-a', 'claim-c1', [event('ClaimAsserted', 'adv-1', { claimId: 'c1' }, { literal: 'x@y.z' })]);
    await t.record('org-a', 'evidence-d1', [event('DocumentIngested', 'adv-2', { documentId: 'd1' })]);
    middle = await tick();
    await t.record('org-a', 'evidenceaccess-2026-11-25', [event('EvidenceListed', 'adv-1', { items: 2 })]);
    await t.record('org-a', 'briefaccess-2026-11-25', [event('BriefViewed', 'adv-2', { briefId: 'b1' })]);
    await t.record('org-a', 'entity-e1', [event('EntityCreated', 'adv-1', { entityId: 'e1' })]);
    await t.record('org-b', 'claim-c1', [
      event('ClaimAsserted', 'adv-9', { claimId: 'c1' }),
      event('ClaimRetracted', 'adv-9', { claimId: 'c1' }),
    ]);
  });

  afterAll(() => t.close());

  it('lists every event of the org in org_seq order with who, what and when', async () => {
    const page = await query({});
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item) => item.orgSeq)).toEqual([0, 1, 2, 3, 4]);
    expect(types(page.items)).toEqual([
      'ClaimAsserted',
      'DocumentIngested',
      'EvidenceListed',
      'BriefViewed',
      'EntityCreated',
    ]);
    const [stored] = await t.ledger.readOrgRange('org-a', { after: -1, limit: 1 });
    expect(page.items[0]).toEqual({
      orgSeq: 0,
      position: stored.position,
      eventId: stored.eventId,
      streamId: 'claim-c1',
      category: 'claim',
      type: 'ClaimAsserted',
      actor: 'adv-1',
      correlationId: 'corr-adv-1',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('filters by actor, stream, category, type and time range', async () => {
    expect(types((await query({ actor: 'adv-2' })).items)).toEqual(['DocumentIngested', 'BriefViewed']);
    expect(types((await query({ streamId: 'evidence-d1' })).items)).toEqual(['DocumentIngested']);
    expect(types((await query({ category: 'evidenceaccess' })).items)).toEqual(['EvidenceListed']);
    expect(types((await query({ type: 'EntityCreated' })).items)).toEqual(['EntityCreated']);
    expect(types((await query({ from: middle.toISOString() })).items)).toEqual([
      'EvidenceListed',
      'BriefViewed',
      'EntityCreated',
    ]);
    expect(types((await query({ to: middle.toISOString() })).items)).toEqual(['ClaimAsserted', 'DocumentIngested']);
    expect(types((await query({ actor: 'adv-1', from: middle.toISOString() })).items)).toEqual([
      'EvidenceListed',
      'EntityCreated',
    ]);
  });

  it('shows evidence access alone with accessOnly', async () => {
    expect(types((await query({ accessOnly: true })).items)).toEqual(['EvidenceListed', 'BriefViewed']);
    expect(types((await query({ accessOnly: true, actor: 'adv-2' })).items)).toEqual(['BriefViewed']);
    expect((await query({ accessOnly: true, type: 'ClaimAsserted' })).items).toEqual([]);
  });

  it('pages with an opaque cursor: every event exactly once, in order', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await query({ limit: 2, cursor });
      seen.push(...page.items.map((item) => item.orgSeq));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(pages).toBe(3);
    const filtered = await query({ actor: 'adv-1', limit: 1 });
    const next = await query({ actor: 'adv-1', limit: 1, cursor: filtered.nextCursor! });
    expect(types([...filtered.items, ...next.items])).toEqual(['ClaimAsserted', 'EvidenceListed']);
  });

  it('never shows another org: not its events, not through its stream ids or cursors', async () => {
    const orgB = contextFor('org-b', 'operator');
    const b = await query({}, orgB);
    expect(b.items.map((item) => [item.orgSeq, item.type, item.actor])).toEqual([
      [0, 'ClaimAsserted', 'adv-9'],
      [1, 'ClaimRetracted', 'adv-9'],
    ]);
    expect((await query({ streamId: 'evidence-d1' }, orgB)).items).toEqual([]);
    expect((await query({ actor: 'adv-1' }, orgB)).items).toEqual([]);
    const cursorFromA = (await query({ limit: 1 })).nextCursor!;
    expect((await query({ cursor: cursorFromA }, orgB)).items.map((item) => item.type)).toEqual(['ClaimRetracted']);
    expect((await query({}, contextFor('org-none', 'compliance'))).items).toEqual([]);
  });

  it.each<[TrailQuery, string, string]>([
    [{ limit: 0 }, 'AUDIT.INVALID_FIELD', 'limit'],
    [{ limit: 201 }, 'AUDIT.INVALID_FIELD', 'limit'],
    [{ cursor: 'bogus!' }, 'AUDIT.INVALID_CURSOR', 'cursor'],
    [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'AUDIT.INVALID_RANGE', 'to'],
    [{ from: 'yesterday' }, 'AUDIT.INVALID_FIELD', 'from'],
    [{ category: 'Bad-Category' }, 'AUDIT.INVALID_FIELD', 'category'],
    [{ streamId: 'nodash' }, 'AUDIT.INVALID_FIELD', 'streamId'],
    [{ type: '1bad' }, 'AUDIT.INVALID_FIELD', 'type'],
    [{ actor: '' }, 'AUDIT.INVALID_FIELD', 'actor'],
  ])('refuses %p with %s on %s', async (bad, code, field) => {
    await expect(query(bad)).rejects.toMatchObject({ code, details: { field } });
  });
});
