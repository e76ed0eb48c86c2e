import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { canonicalJson, type RecordedEvent } from '@ledger/ledger';
import { installRecordingTracer, type RecordingTracer } from '@ledger/observability/testing';
import { contextFor, createAuditTestContext, event, tick, type AuditTestContext } from '../testing/auditTestContext';
import { verifyOffline } from '../testing/offlineVerifier';
import { EXAMINER_VERIFIER } from '../export/bundleReadme';
import { CSV_COLUMNS } from '../export/trailCsv';
import { exportTrail, type AuditExport } from './exportTrail.handler';
import { AUDIT_EXPORTED, exportStreamId } from './recordExport';
import { queryTrail } from '../query-trail/queryTrail.handler';

interface TrailLine {
  orgSeq: number;
  leafHash: string;
  event: { type: string; streamId: string; eventId: string; metadata: { actor: string } };
  personalState: string;
  personal: Record<string, unknown> | null;
}

const CANARY = 'Canary-Personal-7731';

describe('exportTrail', () => {
  let t: AuditTestContext;
  let root: string;
  let start: Date;
  let middle: Date;
  let end: Date;
  const compliance = contextFor('org-x', 'compliance', 'officer-1');
  let unpackCount = 0;

  /** Writes the archive to disk and unpacks it with the system tar: what an examiner would do. */
  async function unpack(result: AuditExport): Promise<{ dir: string; archive: Buffer }> {
    const target = join(root, `u${unpackCount++}`);
    await mkdir(target);
    const file = join(target, result.fileName);
    await pipeline(result.archive, createWriteStream(file));
    execFileSync('tar', ['-xzf', file, '-C', target]);
    return { dir: join(target, exportStreamId(result.exportId)), archive: await readFile(file) };
  }

  const lines = async (dir: string, name: string) =>
    (await readFile(join(dir, name), 'utf8')).split('\n').filter((line) => line !== '');

  let tracer: RecordingTracer;

  beforeAll(async () => {
    tracer = installRecordingTracer();
    t = await createAuditTestContext();
    root = await mkdtemp(join(tmpdir(), 'audit-export-test-'));
    start = await tick();
    await t.record('org-x', 'evidence-d1', [
      event('DocumentIngested', 'adv-1', { documentId: 'd1' }, { title: 'Hello', content: `body ${CANARY}` }),
    ]);
    await t.record('org-x', 'evidence-d2', [
      event('DocumentIngested', 'adv-2', { documentId: 'd2' }, { title: 'Gone', content: 'erased body' }),
    ]);
    await t.record('org-x', 'claim-c1', [
      event('ClaimAsserted', 'adv-1', { claimId: 'c1', note: 'a,"b"\nc' }, { literal: 'x@example.test' }),
    ]);
    middle = await tick();
    await t.record('org-x', 'entity-e1', [event('EntityCreated', 'adv-2', { entityId: 'e1' }, { label: 'Pat' })]);
    await t.record('org-x', 'evidenceaccess-2026-11-25', [event('EvidenceListed', 'adv-1', { items: 1 })]);
    await t.record('org-other', 'evidence-d1', [event('DocumentIngested', 'adv-1', { documentId: 'd1' })]);
    end = await tick();
    await t.ledger.shred('org-x', 'evidence-d2');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await t.close();
    await tracer.uninstall();
  });

  it('exports the selected events as JSONL and CSV in a bundle the offline verifier passes', async () => {
    const result = await exportTrail(t.deps, compliance, {
      from: start.toISOString(),
      to: end.toISOString(),
      categories: ['evidence', 'claim'],
      reason: 'examiner request EX-42',
    });
    expect(result.eventCount).toBe(3);
    const { dir } = await unpack(result);

    expect(await verifyOffline(dir)).toEqual({ ok: true, message: expect.stringMatching(/^PASS: org org-x/) });
    expect(await verifyOffline(dir, { trustedKeys: t.signingKeys.publicKeys() })).toMatchObject({ ok: true });
    expect((await readdir(dir)).sort()).toEqual(
      [
        'README.txt',
        'consistency.json',
        'erased.json',
        'events.csv',
        'events.jsonl',
        'export.json',
        'leaves.txt',
        'manifest.json',
        'manifest.sig.json',
        'public-keys.json',
        'range-proof.json',
        'trail.jsonl',
        'tree-head.json',
      ].sort(),
    );

    const trail = (await lines(dir, 'trail.jsonl')).map((line) => JSON.parse(line) as TrailLine);
    expect(trail.map((line) => [line.event.streamId, line.personalState])).toEqual([
      ['evidence-d1', 'present'],
      ['evidence-d2', 'erased'],
      ['claim-c1', 'present'],
    ]);
    expect(trail[0].personal).toEqual({ title: 'Hello', content: `body ${CANARY}` });
    expect(trail[1].personal).toBeNull();
    expect(trail[2].personal).toEqual({ literal: 'x@example.test' });

    // Each trail line is a verified leaf: its event's canonical bytes are the events.jsonl line.
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { range: { start: number } };
    const events = await lines(dir, 'events.jsonl');
    const leaves = await lines(dir, 'leaves.txt');
    for (const line of trail) {
      const index = line.orgSeq - manifest.range.start;
      expect(canonicalJson(line.event as never)).toBe(events[index]);
      expect(line.leafHash).toBe(leaves[index]);
    }

    const csv = await readFile(join(dir, 'events.csv'), 'utf8');
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv).toContain(`"{""literal"":""x@example.test""}"`);
    expect(csv).toContain('"{""claimId"":""c1"",""note"":""a,\\""b\\""\\nc""}"');
    expect(rows.filter((row) => /^\d+,/.test(row))).toHaveLength(3);

    const summary = JSON.parse(await readFile(join(dir, 'export.json'), 'utf8'));
    expect(summary).toMatchObject({
      exportId: result.exportId,
      orgId: 'org-x',
      requestedBy: 'officer-1',
      role: 'compliance',
      reason: 'examiner request EX-42',
      selection: { categories: ['evidence', 'claim'], actors: [] },
      eventCount: 3,
      personal: 'decrypted',
    });
  });

  it('records every export in the ledger: AuditExported with the manifest hash, visible in the trail', async () => {
    const result = await exportTrail(t.deps, compliance, {
      from: start.toISOString(),
      to: end.toISOString(),
      actors: ['adv-2'],
      reason: 'quarterly review',
    });
    const { dir } = await unpack(result);
    const manifestSha256 = createHash('sha256')
      .update(await readFile(join(dir, 'manifest.json')))
      .digest('hex');
    expect(result.manifestSha256).toBe(manifestSha256);

    const recorded: RecordedEvent[] = [];
    for await (const e of t.ledger.readStream('org-x', exportStreamId(result.exportId), { personal: 'decrypt' }))
      recorded.push(e);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].canonical).not.toContain('quarterly review');
    expect(recorded[0]).toMatchObject({
      eventId: result.eventId,
      type: AUDIT_EXPORTED,
      schemaVersion: 2,
      personalState: 'present',
      personal: { actors: ['adv-2'], reason: 'quarterly review' },
      metadata: { actor: 'officer-1', correlationId: compliance.correlationId },
      data: {
        exportId: result.exportId,
        range: { from: start.toISOString(), to: end.toISOString() },
        categories: [],
        actorCount: 1,
        eventCount: 2,
        manifestSha256,
      },
    });
    const trail = await queryTrail(t.deps, compliance, { type: AUDIT_EXPORTED });
    expect(trail.items.map((item) => item.eventId)).toContain(result.eventId);
    expect(trail.items.find((item) => item.eventId === result.eventId)?.actor).toBe('officer-1');
  });

  it('decrypts only for the compliance role: an operator export withholds every personal part', async () => {
    const result = await exportTrail(t.deps, contextFor('org-x', 'operator'), {
      from: start.toISOString(),
      to: end.toISOString(),
      reason: 'incident INC-7',
    });
    const { dir, archive } = await unpack(result);
    expect(await verifyOffline(dir)).toMatchObject({ ok: true });
    const trail = (await lines(dir, 'trail.jsonl')).map((line) => JSON.parse(line) as TrailLine);
    expect(trail).toHaveLength(5);
    expect(new Set(trail.map((line) => line.personalState))).toEqual(new Set(['withheld', 'none']));
    expect(trail.every((line) => line.personal === null)).toBe(true);
    expect(gunzipSync(archive).toString('utf8')).not.toContain(CANARY);
    expect(JSON.parse(await readFile(join(dir, 'export.json'), 'utf8')).personal).toBe('withheld');
  });

  it('selects by time: the range holds exactly the events recorded in [from, to)', async () => {
    const result = await exportTrail(t.deps, compliance, {
      from: middle.toISOString(),
      to: end.toISOString(),
      reason: 'second half',
    });
    const { dir } = await unpack(result);
    expect(await verifyOffline(dir)).toMatchObject({ ok: true });
    const trail = (await lines(dir, 'trail.jsonl')).map((line) => JSON.parse(line) as TrailLine);
    expect(trail.map((line) => line.event.type)).toEqual(['EntityCreated', 'EvidenceListed']);
    expect(result.range).toEqual({ start: 3, end: 5 });
    expect(await lines(dir, 'events.jsonl')).toHaveLength(2);
    expect(trail[0].personal).toEqual({ label: 'Pat' });
  });

  it('an empty selection still yields a verifiable bundle of the signed tree', async () => {
    const result = await exportTrail(t.deps, compliance, {
      from: '2001-01-01T00:00:00Z',
      to: '2001-02-01T00:00:00Z',
      reason: 'nothing then',
    });
    const { dir } = await unpack(result);
    expect(result.eventCount).toBe(0);
    expect(await verifyOffline(dir)).toMatchObject({ ok: true });
    expect(await lines(dir, 'trail.jsonl')).toEqual([]);
  });

  it('the signed manifest covers the trail files: one changed byte fails verification', async () => {
    const result = await exportTrail(t.deps, compliance, {
      from: start.toISOString(),
      to: end.toISOString(),
      reason: 'tamper check',
    });
    const { dir } = await unpack(result);
    for (const name of ['trail.jsonl', 'events.csv', 'export.json', 'README.txt']) {
      const original = await readFile(join(dir, name));
      const changed = Buffer.from(original);
      changed[10] ^= 1;
      await writeFile(join(dir, name), changed);
      expect(await verifyOffline(dir)).toEqual({
        ok: false,
        message: `FAIL: ${name} does not match its SHA-256 in the manifest`,
      });
      await writeFile(join(dir, name), original);
    }
    expect(await verifyOffline(dir)).toMatchObject({ ok: true });
  });

  it("README.txt names the archive and the examiner's verifier to fetch, with its version and SHA-256, and nothing personal", async () => {
    const result = await exportTrail(t.deps, compliance, {
      from: start.toISOString(),
      to: end.toISOString(),
      reason: `readme ${CANARY}`,
    });
    const { dir } = await unpack(result);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((file) => file.path)).toContain('README.txt');
    const readme = await readFile(join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain(result.fileName);
    expect(readme).toContain(`verifier ${EXAMINER_VERIFIER.version}, ${EXAMINER_VERIFIER.fileName}`);
    expect(readme).toContain(EXAMINER_VERIFIER.sha256);
    expect(readme).not.toContain(CANARY);
    expect(readme).not.toContain('officer-1');
  });

  it('the ledger-verify command prints PASS for an exported bundle', async () => {
    const result = await exportTrail(t.deps, compliance, {
      from: start.toISOString(),
      to: end.toISOString(),
      reason: 'cli check',
    });
    const { dir } = await unpack(result);
    const bin = join(__dirname, '../../../../tools/ledger-verify/bin/ledger-verify.cjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, dir]);
    expect(stdout).toMatch(/^PASS: org org-x/);
  });

  it('refuses a missing reason or a bad range before anything is written', async () => {
    const before = await t.ledger.orgSize('org-x');
    await expect(
      exportTrail(t.deps, compliance, { from: start.toISOString(), to: end.toISOString(), reason: '  ' }),
    ).rejects.toMatchObject({ code: 'AUDIT.REASON_REQUIRED', details: { field: 'reason' } });
    await expect(
      exportTrail(t.deps, compliance, { from: end.toISOString(), to: start.toISOString(), reason: 'r' }),
    ).rejects.toMatchObject({ code: 'AUDIT.INVALID_RANGE' });
    await expect(
      exportTrail(t.deps, compliance, {
        from: start.toISOString(),
        to: end.toISOString(),
        categories: ['Not A Category'],
        reason: 'r',
      }),
    ).rejects.toMatchObject({ code: 'AUDIT.INVALID_FIELD', details: { field: 'categories.0' } });
    await t.ledger.sequencer.drain();
    expect(await t.ledger.orgSize('org-x')).toBe(before);
  });

  it('never exports another org: org-other sees only its own event', async () => {
    const result = await exportTrail(t.deps, contextFor('org-other', 'compliance'), {
      from: start.toISOString(),
      to: end.toISOString(),
      reason: 'isolation',
    });
    const { dir } = await unpack(result);
    expect(await verifyOffline(dir)).toMatchObject({ ok: true });
    const trail = (await lines(dir, 'trail.jsonl')).map((line) => JSON.parse(line) as TrailLine);
    expect(trail.map((line) => [line.orgSeq, line.event.type])).toEqual([[0, 'DocumentIngested']]);
    expect(await readFile(join(dir, 'events.jsonl'), 'utf8')).not.toContain('org-x');
  });

  it('records each export as a span with the bundle’s beneath it: ids and counts, never the reason or a personal value', () => {
    const spans = tracer.spans();
    const exports = spans.filter((span) => span.name === 'audit.export');
    const done = exports.filter((span) => span.attributes['audit.export.id'] !== undefined);
    expect(done.length).toBeGreaterThan(0);
    for (const span of done) {
      expect(Object.keys(span.attributes).sort()).toEqual(
        ['audit.export.id', 'ledger.events', 'ledger.export.tree_size', 'ledger.org_id'].sort(),
      );
      const bundle = spans.find(
        (child) => child.name === 'ledger.export' && child.parentSpanContext?.spanId === span.spanContext().spanId,
      );
      expect(bundle?.attributes['ledger.org_id']).toBe(span.attributes['ledger.org_id']);
    }
    // The refused requests are spans too, marked with the refusal's code.
    expect(exports.some((span) => span.attributes['error.type'] !== undefined)).toBe(true);
    const text = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]));
    for (const value of [CANARY, 'isolation', 'x@example.test', 'Pat']) expect(text).not.toContain(value);
  });
});
