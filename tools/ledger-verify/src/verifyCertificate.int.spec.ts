import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  Ed25519KeyRing,
  eraseWithCertificate,
  exportBundle,
  TreeHeadPublisher,
  erasureCertificateSigningBytes,
  erasureCertificateText,
  verifyOrg,
  type ErasureCertificate,
  type ErasureOutcome,
  type RecordedEvent,
} from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { verifyBundle } from './verifyBundle';
import { verifyCertificate } from './verifyCertificate';

const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
const MAIN = join(__dirname, 'main.ts');
const REQUEST_ID = '5d2e0b1c-7a41-4c11-9f0e-1c2b3a4d5e6f';

/** `ledger-verify verify-certificate …` as a process: exit code, stdout and stderr. */
function runCertificate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return promisify(execFile)(TSX, [MAIN, 'verify-certificate', ...args]).then(
    (out) => ({ code: 0, out: out.stdout.trim(), err: '' }),
    (failure: { code: number; stdout: string; stderr: string }) => ({
      code: failure.code,
      out: failure.stdout.trim(),
      err: failure.stderr.trim(),
    }),
  );
}

function certified(outcome: ErasureOutcome): ErasureCertificate {
  if (!outcome.certificate) throw new Error('nothing was erased');
  return outcome.certificate;
}

describe('ledger-verify verify-certificate on an erasure of a real ledger', () => {
  let ctx: LedgerTestContext;
  let root: string;
  let certificate: ErasureCertificate;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  const streams = ['claim-c1', 'entity-e1', 'evidence-d1'];

  const read = async (streamId: string): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of ctx.ledger.readStream('org-x', streamId, { personal: 'decrypt' })) events.push(event);
    return events;
  };

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    root = await mkdtemp(join(tmpdir(), 'ledger-certificates-'));
    for (const streamId of [...streams, 'entity-e2']) {
      await ctx.ledger.append({
        orgId: 'org-x',
        streamId,
        expectedRevision: 'any',
        events: [
          { type: 'Noted', data: { n: 1 }, personal: { label: `Private ${streamId}` }, metadata: { actor: 'u-1' } },
        ],
      });
    }
    await ctx.ledger.sequencer.drain();
    await new TreeHeadPublisher({ pool: ctx.writer, keys }).publish('org-x');
    await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: join(root, 'before'), keys });
    certificate = await eraseWithCertificate({
      pool: ctx.writer,
      keys,
      orgId: 'org-x',
      requestId: REQUEST_ID,
      entityId: 'e1',
      streamIds: [...streams, 'claim-c9'],
      destroy: (orgId, ids) => ctx.ledger.eraseStreams(orgId, ids),
    }).then(certified);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await ctx.close();
  });

  it('destroys the named keys only, and the ledger still verifies end to end', async () => {
    expect(certificate.streams.map((s) => s.streamId)).toEqual(['claim-c1', 'claim-c9', 'entity-e1', 'evidence-d1']);
    expect(certificate.streams.find((s) => s.streamId === 'claim-c9')?.dataKeyId).toBeNull();
    for (const streamId of streams) {
      expect(certificate.streams.find((s) => s.streamId === streamId)?.dataKeyId).toMatch(/^[0-9a-f]{64}$/);
      expect(await read(streamId)).toEqual([expect.objectContaining({ personalState: 'erased', personal: null })]);
    }
    expect(await read('entity-e2')).toEqual([
      expect.objectContaining({ personalState: 'present', personal: { label: 'Private entity-e2' } }),
    ]);
    const report = await verifyOrg({ pool: ctx.writer, orgId: 'org-x', publicKeys: keys.publicKeys() });
    expect(report).toMatchObject({ ok: true, events: 4 });
    await expect(
      ctx.ledger.append({
        orgId: 'org-x',
        streamId: 'claim-c9',
        expectedRevision: 'any',
        events: [{ type: 'Noted', data: {}, personal: { label: 'late' }, metadata: { actor: 'u-1' } }],
      }),
    ).rejects.toThrow();
  });

  it('passes the certificate as issued, with its own keys and with trusted ones', async () => {
    const parsed: unknown = JSON.parse(erasureCertificateText(certificate));
    expect(await verifyCertificate(parsed)).toMatchObject({
      ok: true,
      message: `PASS: erasure certificate ${certificate.certificateId} of org org-x: 4 streams erased, tree of size 4 unchanged within size 4`,
    });
    expect((await verifyCertificate(parsed, keys.publicKeys())).ok).toBe(true);
  });

  it('fails a tampered certificate, naming what failed', async () => {
    const parsed = JSON.parse(erasureCertificateText(certificate)) as Record<string, unknown>;
    const dropped = { ...parsed, streams: (parsed.streams as unknown[]).slice(1) };
    expect((await verifyCertificate(dropped)).message).toBe('FAIL: certificate: signature does not verify');
    const stranger = new Ed25519KeyRing([Ed25519KeyRing.generate('k-other')]);
    expect((await verifyCertificate(parsed, stranger.publicKeys())).message).toBe(
      'FAIL: certificate: key k1 is not a trusted Ed25519 key',
    );
    const before = parsed.treeHeadBefore as Record<string, unknown>;
    const forgedHead = { ...parsed, treeHeadBefore: { ...before, rootHash: 'ab'.repeat(32) } };
    expect((await verifyCertificate(forgedHead)).message).toBe('FAIL: certificate: signature does not verify');
    expect((await verifyCertificate({ ...parsed, kind: 'ledger.tree-head' })).message).toBe(
      'FAIL: kind is not ledger.erasure-certificate v1',
    );
  });

  it('exports a bundle after the erasure that still verifies, with the erased events marked', async () => {
    const dir = join(root, 'after');
    await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir, keys, range: { end: 4 } });
    expect((await verifyBundle(dir)).ok).toBe(true);
    const erased = JSON.parse(await readFile(join(dir, 'erased.json'), 'utf8')) as { streamId: string }[];
    expect(erased.map((e) => e.streamId).sort()).toEqual(streams);
    expect(erased.every((e) => (e as unknown as { personal: string }).personal === 'shredded')).toBe(true);
    // The manifest signs erased.json: a bundle cannot hide or invent an erasure.
    await writeFile(join(dir, 'erased.json'), '[]');
    expect((await verifyBundle(dir)).message).toBe('FAIL: erased.json does not match its SHA-256 in the manifest');
  });

  it('checks a bundle against the certificate: one exported after passes, one exported before hides the erasure', async () => {
    const certificateFile = join(root, 'for-bundles.json');
    await writeFile(certificateFile, erasureCertificateText(certificate));
    const after = join(root, 'after-certificate');
    await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir: after, keys, range: { end: 4 } });
    const [pass, hidden] = await Promise.all([
      runCertificate(certificateFile, '--bundle', after),
      runCertificate(certificateFile, '--bundle', join(root, 'before')),
    ]);
    expect(pass).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /; bundle \[0, 4\) of tree size 4 extends it, 3 events of the erased streams marked erased$/,
      ),
    });
    expect(hidden).toMatchObject({
      code: 1,
      out: 'FAIL: bundle against the certificate: event at org_seq 0 of erased stream claim-c1 is not marked erased',
    });
  });

  it('fails, after the signature, a head that does not verify and a history that changed', async () => {
    // Re-signed by the ledger's own key so the later steps are reached: what an operator with the
    // key could forge, and what the tree heads and the proof still catch.
    const resign = (changes: Partial<ErasureCertificate>): unknown => {
      const changed = { ...certificate, ...changes };
      const bytes = erasureCertificateSigningBytes(changed);
      const signature = Buffer.from(keys.signingKey(new Date(changed.erasedAt)).sign(bytes)).toString('hex');
      return JSON.parse(erasureCertificateText({ ...changed, signature }));
    };
    const head = certificate.treeHeadBefore;
    expect((await verifyCertificate(resign({ treeHeadBefore: { ...head, rootHash: 'cd'.repeat(32) } }))).message).toBe(
      'FAIL: treeHeadBefore: signature does not verify',
    );
    await ctx.ledger.append({
      orgId: 'org-x',
      streamId: 'entity-e2',
      expectedRevision: 'any',
      events: [{ type: 'Noted', data: { n: 2 }, metadata: { actor: 'u-1' } }],
    });
    await ctx.ledger.sequencer.drain();
    const later = await eraseWithCertificate({
      pool: ctx.writer,
      keys,
      orgId: 'org-x',
      requestId: REQUEST_ID,
      entityId: 'e2',
      streamIds: ['entity-e2'],
      destroy: (orgId, ids) => ctx.ledger.eraseStreams(orgId, ids),
    }).then(certified);
    expect(later.treeHeadAfter.treeSize).toBe(5);
    expect(
      (await verifyCertificate(resign({ treeHeadAfter: later.treeHeadAfter, consistency: ['ef'.repeat(32)] }))).message,
    ).toBe('FAIL: the tree of size 5 does not extend the tree of size 4: the history changed');
  });

  it('runs as a command: PASS exits 0, FAIL exits 1, a file that is not JSON exits 2', async () => {
    const good = join(root, 'certificate.json');
    await writeFile(good, erasureCertificateText(certificate));
    const bad = join(root, 'tampered.json');
    await writeFile(bad, erasureCertificateText(certificate).replace('"entityId":"e1"', '"entityId":"e7"'));
    const junk = join(root, 'junk.json');
    await writeFile(junk, 'not json');
    const [pass, fail, unreadable] = await Promise.all([
      runCertificate(good),
      runCertificate(bad),
      runCertificate(junk),
    ]);
    expect(pass).toMatchObject({ code: 0, out: expect.stringMatching(/^PASS: erasure certificate /) });
    expect(fail).toMatchObject({ code: 1, out: 'FAIL: certificate: signature does not verify' });
    expect(unreadable).toMatchObject({ code: 2, err: `NOT A CERTIFICATE: ${junk} is not JSON` });
  });
});
