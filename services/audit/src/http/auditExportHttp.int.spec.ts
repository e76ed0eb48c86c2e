import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_EXPORT_HEADERS } from '@ledger/contracts';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import type { RecordedEvent } from '@ledger/ledger';
import { ProjectionWaiter } from '@ledger/projections';
import type { Role } from '@ledger/tenancy';
import { auditService } from '../audit.descriptor';
import { AUDIT_EXPORTED, exportStreamId } from '../export-trail/recordExport';
import { AUDIT_TRAIL_PROJECTION } from '../projection/auditTrailProjection';
import { verifyOffline } from '../testing/offlineVerifier';

describe('POST /v1/audit/exports', () => {
  let t: HttpTestApp;
  let root: string;
  const from = '2000-01-01T00:00:00Z';
  const to = '2999-01-01T00:00:00Z';
  const exportAs = async (role: Role | null, payload: unknown, orgId = 'org-a') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/audit/exports',
      headers: {
        ...(role ? { authorization: await t.tokenFor(role, orgId, `${role}-1`) } : {}),
        'content-type': 'application/json',
      },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [auditService] });
    root = await mkdtemp(join(tmpdir(), 'audit-http-export-'));
    for (const orgId of ['org-a', 'org-b']) {
      const result = await t.ledger.append({
        orgId,
        streamId: 'evidence-d1',
        expectedRevision: 'any',
        events: [
          {
            type: 'DocumentIngested',
            data: { documentId: 'd1' },
            personal: { title: `Subject of ${orgId}`, content: 'body' },
            metadata: { actor: 'adv-1' },
          },
        ],
      });
      await new ProjectionWaiter(t.pool, [AUDIT_TRAIL_PROJECTION]).waitFor(orgId, result.positions);
    }
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await t.close();
  });

  it('streams a gzip bundle that verifies offline, and records the export in the ledger', async () => {
    const response = await exportAs('compliance', { from, to, categories: ['evidence'], reason: 'EX-1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    const exportId = String(response.headers[AUDIT_EXPORT_HEADERS.exportId]);
    const eventId = String(response.headers[AUDIT_EXPORT_HEADERS.eventId]);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="audit-export-${exportId}.tar.gz"`);

    const archive = join(root, 'a.tar.gz');
    await writeFile(archive, response.rawPayload);
    const target = join(root, 'a');
    await mkdir(target);
    execFileSync('tar', ['-xzf', archive, '-C', target]);
    const dir = join(target, `audit-export-${exportId}`);
    expect(await verifyOffline(dir)).toMatchObject({ ok: true });
    const trail = (await readFile(join(dir, 'trail.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(trail).toEqual([
      expect.objectContaining({ personalState: 'present', personal: { title: 'Subject of org-a', content: 'body' } }),
    ]);

    const recorded: RecordedEvent[] = [];
    for await (const event of t.ledger.readStream('org-a', exportStreamId(exportId), { personal: 'decrypt' }))
      recorded.push(event);
    expect(recorded.map((e) => [e.eventId, e.type, e.metadata.actor, e.personal?.reason, 'reason' in e.data])).toEqual([
      [eventId, AUDIT_EXPORTED, 'compliance-1', 'EX-1', false],
    ]);
    expect(recorded[0].data.manifestSha256).toBe(response.headers[AUDIT_EXPORT_HEADERS.manifestSha256]);
    const listed = await t.app.inject({
      method: 'GET',
      url: `/v1/audit/events?type=${AUDIT_EXPORTED}`,
      headers: { authorization: await t.tokenFor('operator', 'org-a') },
    });
    expect(listed.json().items.map((item: { eventId: string }) => item.eventId)).toEqual([eventId]);
    const other = await t.app.inject({
      method: 'GET',
      url: `/v1/audit/events?type=${AUDIT_EXPORTED}`,
      headers: { authorization: await t.tokenFor('operator', 'org-b') },
    });
    expect(other.json().items).toEqual([]);
    expect(t.logLines.join('\n')).not.toContain('Subject of');
  });

  it('exports only the token org', async () => {
    const response = await exportAs('compliance', { from, to, reason: 'EX-2' }, 'org-b');
    const archive = join(root, 'b.tar.gz');
    await writeFile(archive, response.rawPayload);
    const target = join(root, 'b');
    await mkdir(target);
    execFileSync('tar', ['-xzf', archive, '-C', target]);
    const dir = join(target, `audit-export-${String(response.headers[AUDIT_EXPORT_HEADERS.exportId])}`);
    expect(await verifyOffline(dir)).toMatchObject({ ok: true, message: expect.stringContaining('org org-b') });
    const trail = await readFile(join(dir, 'trail.jsonl'), 'utf8');
    expect(trail).toContain('Subject of org-b');
    expect(trail).not.toContain('org-a');
  });

  it('is for compliance only: 401 without a token, 403 for advisors and operators, nothing recorded', async () => {
    const before = await t.eventCount('org-a');
    expect((await exportAs(null, { from, to, reason: 'x' })).statusCode).toBe(401);
    expect((await exportAs('advisor', { from, to, reason: 'x' })).statusCode).toBe(403);
    const operator = await exportAs('operator', { from, to, reason: 'x' });
    expect(operator.statusCode).toBe(403);
    expect(operator.json()).toMatchObject({ code: 'TENANCY.FORBIDDEN' });
    expect(await t.eventCount('org-a')).toBe(before);
  });

  it.each<[string, unknown, string]>([
    ['a missing reason', { from, to }, 'reason'],
    ['a blank reason', { from, to, reason: '   ' }, 'reason'],
    ['an oversized reason', { from, to, reason: 'r'.repeat(501) }, 'reason'],
    ['a missing from', { to, reason: 'x' }, 'from'],
    ['a date without a zone', { from: '2026-01-01T00:00:00', to, reason: 'x' }, 'from'],
    ['categories of the wrong type', { from, to, categories: 'evidence', reason: 'x' }, 'categories'],
    ['a bad category', { from, to, categories: ['Evidence!'], reason: 'x' }, 'categories.0'],
    ['too many actors', { from, to, actors: Array.from({ length: 51 }, (_, i) => `a${i}`), reason: 'x' }, 'actors'],
    ['an unknown field', { from, to, reason: 'x', format: 'zip' }, 'format'],
    ['to before from', { from: to, to: from, reason: 'x' }, 'to'],
  ])('answers %s with 422 and records nothing', async (_name, payload, field) => {
    const before = await t.eventCount('org-a');
    const response = await exportAs('compliance', payload);
    expect(response.statusCode).toBe(422);
    const problem = response.json();
    const fields = problem.errors ? problem.errors.map((e: { field: string }) => e.field) : [problem.field];
    expect(fields).toContain(field);
    expect(await t.eventCount('org-a')).toBe(before);
  });

  it('answers a body that is not JSON with 400', async () => {
    expect((await exportAs('compliance', '{"from": ')).statusCode).toBe(400);
  });
});
