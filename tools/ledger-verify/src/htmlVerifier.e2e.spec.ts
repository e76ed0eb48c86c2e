import { execFile } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tarGzStream } from '@ledger/audit';
import { Ed25519KeyRing, eraseWithCertificate, erasureCertificateText } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { IN_MEMORY_LIMITS } from './core/unpackTar';
import { buildVerifier } from './build/buildVerifier';
import { tarGzOf } from './testing/tarBuilder';
import { exportFixtureBundles, PASS_FULL, tamperedBundles, type FixtureBundles } from './testing/bundleFixtures';

/** Debian's `chromium` (`.ci/run` installs it when missing). */
const CHROMIUM = '/usr/bin/chromium';
const BIN = join(__dirname, '..', 'bin', 'ledger-verify.cjs');
const ROOT = 'audit-export-5d0f1c3e-8a7b-4c2d-9e6f-0a1b2c3d4e5f';

/** The command's verdict line on the same files, in a child process. */
function commandVerdict(args: string[]): Promise<{ code: number; line: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, line: (stdout || stderr).trim() });
    });
  });
}

// Each case opens a tab and runs the command in a child process; on a loaded machine a loop of them
// outlasts the default per-test time.
jest.setTimeout(180_000);

describe("the examiner's HTML verifier in headless Chromium, against the ledger-verify command", () => {
  let ctx: LedgerTestContext;
  let root: string;
  let page: string;
  let browser: Browser;
  let bundles: FixtureBundles;
  /** Every request any page made, and every console error or uncaught exception (a CSP refusal is one). */
  const requests: string[] = [];
  const pageErrors: string[] = [];

  async function archive(dir: string, name: string): Promise<string> {
    const file = join(root, `${name}.tar.gz`);
    await pipeline(tarGzStream(dir, await readdir(dir), { root: ROOT }), createWriteStream(file));
    return file;
  }

  /**
   * Opens the verifier, picks the files (the bundle, or the certificate), and returns the verdict
   * the bundle's or the certificate's line settles on.
   */
  async function verdictOf(picks: {
    bundle?: string[];
    previous?: string[];
    certificate?: string;
    keys?: string;
  }): Promise<{ verdict: string; line: string }> {
    const tab: Page = await browser.newPage();
    tab.on('request', (request) => requests.push(request.url()));
    tab.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await tab.goto(`file://${page}`);
      if (picks.keys) await tab.setInputFiles('#keys', picks.keys);
      if (picks.previous) await tab.setInputFiles('#previous', picks.previous);
      const line = picks.certificate ? '#certificate-verdict' : '#verdict';
      if (picks.certificate) await tab.setInputFiles('#certificate', picks.certificate);
      else await tab.setInputFiles('#bundle', picks.bundle ?? []);
      const settled = await tab.waitForSelector(
        ['pass', 'fail', 'unverifiable'].map((verdict) => `${line}[data-verdict="${verdict}"]`).join(', '),
      );
      return { verdict: (await settled.getAttribute('data-verdict'))!, line: (await settled.textContent())! };
    } finally {
      await tab.close();
    }
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`chromium is not installed (${CHROMIUM}): apt-get install chromium`);
    root = await mkdtemp(join(tmpdir(), 'ledger-html-verifier-'));
    const built = await buildVerifier();
    page = join(root, built.fileName);
    await writeFile(page, built.html);
    ctx = await createLedgerTestContext({ runSequencer: false });
    bundles = await exportFixtureBundles(ctx, root);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => !/^(file|data|blob):/.test(url))).toEqual([]);
  });

  it('passes a good bundle, as the .tar.gz and as the files of its folder, as the command does', async () => {
    const full = await archive(bundles.full, 'full');
    expect(await verdictOf({ bundle: [full] })).toEqual({ verdict: 'pass', line: PASS_FULL });
    expect(await commandVerdict([full])).toEqual({ code: 0, line: PASS_FULL });
    const files = (await readdir(bundles.full)).map((name) => join(bundles.full, name));
    expect(await verdictOf({ bundle: files })).toEqual({ verdict: 'pass', line: PASS_FULL });
  });

  it('fails each tampered bundle at the line the command names', async () => {
    const tampered = await tamperedBundles(bundles, root);
    for (const { name, dir, verdict } of tampered) {
      const file = await archive(dir, name);
      const [html, command] = [await verdictOf({ bundle: [file] }), await commandVerdict([file])];
      expect({ name, ...html }).toEqual({ name, verdict: 'fail', line: verdict });
      expect({ name, ...command }).toEqual({ name, code: 1, line: verdict });
    }
  });

  it('checks an older bundle and trusted keys as --previous and --keys do', async () => {
    const [full, older, other] = await Promise.all([
      archive(bundles.full, 'full-2'),
      archive(bundles.older, 'older'),
      archive(bundles.other, 'other'),
    ]);
    const trusted = join(root, 'published-keys.json');
    await writeFile(trusted, JSON.stringify(bundles.keys.publicKeys()));
    const stranger = join(root, 'stranger-keys.json');
    await writeFile(stranger, JSON.stringify(new Ed25519KeyRing([Ed25519KeyRing.generate('k-other')]).publicKeys()));
    const cases = [
      {
        picks: { bundle: [full], previous: [older], keys: trusted },
        args: [full, '--previous', older, '--keys', trusted],
      },
      { picks: { bundle: [full], keys: stranger }, args: [full, '--keys', stranger] },
      { picks: { bundle: [full], previous: [other] }, args: [full, '--previous', other] },
    ];
    const lines = [];
    for (const { picks, args } of cases) {
      const [html, command] = [await verdictOf(picks), await commandVerdict(args)];
      expect(html.line).toBe(command.line);
      lines.push(html.line);
    }
    expect(lines).toEqual([
      PASS_FULL,
      'FAIL: manifest: key k1 is not a trusted Ed25519 key',
      'FAIL: previous bundle is of org org-y, not org-x',
    ]);
  });

  it('refuses an unsafe archive as the command does, and one too large for a tab', async () => {
    const escape = join(root, 'escape.tar.gz');
    await writeFile(escape, tarGzOf([{ name: '../manifest.json', content: '{}' }]));
    const refused = ': refused archive entry "../manifest.json" (a path outside the bundle folder)';
    expect(await verdictOf({ bundle: [escape] })).toEqual({
      verdict: 'unverifiable',
      line: `NOT A BUNDLE: escape.tar.gz${refused}`,
    });
    expect(await commandVerdict([escape])).toEqual({ code: 2, line: `NOT A BUNDLE: ${escape}${refused}` });
    const huge = join(root, 'huge.tar.gz');
    await writeFile(huge, tarGzOf([{ name: 'b/events.jsonl', declaredSize: IN_MEMORY_LIMITS.totalBytes + 1 }]));
    expect(await verdictOf({ bundle: [huge] })).toEqual({
      verdict: 'unverifiable',
      line: `NOT A BUNDLE: huge.tar.gz: refused archive entry "b/events.jsonl" (the archive would unpack to more than ${IN_MEMORY_LIMITS.totalBytes} bytes)`,
    });
  });

  it('passes an erasure certificate and fails tampered ones as verify-certificate does', async () => {
    for (const streamId of ['claim-c1', 'entity-e1']) {
      await ctx.ledger.append({
        orgId: 'org-z',
        streamId,
        expectedRevision: 'any',
        events: [{ type: 'Noted', data: { n: 1 }, personal: { label: 'Private' }, metadata: { actor: 'u-1' } }],
      });
    }
    await ctx.ledger.sequencer.drain();
    const outcome = await eraseWithCertificate({
      pool: ctx.writer,
      keys: bundles.keys,
      orgId: 'org-z',
      requestId: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      entityId: 'e1',
      streamIds: ['claim-c1', 'entity-e1'],
      destroy: (orgId, ids) => ctx.ledger.eraseStreams(orgId, ids),
    });
    const certificate = JSON.parse(erasureCertificateText(outcome.certificate!)) as Record<string, unknown>;
    const variants: Record<string, unknown> = {
      good: certificate,
      'dropped-stream': { ...certificate, streams: (certificate.streams as unknown[]).slice(1) },
      'other-kind': { ...certificate, kind: 'ledger.tree-head' },
    };
    const verdicts: Record<string, string> = {};
    for (const [name, document] of Object.entries(variants)) {
      const file = join(root, `certificate-${name}.json`);
      await writeFile(file, JSON.stringify(document));
      const [html, command] = [
        await verdictOf({ certificate: file }),
        await commandVerdict(['verify-certificate', file]),
      ];
      expect({ name, line: html.line }).toEqual({ name, line: command.line });
      verdicts[name] = html.line;
    }
    expect(verdicts).toEqual({
      good: `PASS: erasure certificate ${String(certificate.certificateId)} of org org-z: 2 streams erased, tree of size 2 unchanged within size 2`,
      'dropped-stream': 'FAIL: certificate: signature does not verify',
      'other-kind': 'FAIL: kind is not ledger.erasure-certificate v1',
    });
    const notJson = join(root, 'certificate.txt');
    await writeFile(notJson, 'not a certificate');
    expect(await verdictOf({ certificate: notJson })).toEqual({
      verdict: 'unverifiable',
      line: 'NOT A CERTIFICATE: certificate.txt is not JSON',
    });
  });

  it('says NOT A BUNDLE for a file that is none, never FAIL', async () => {
    const notes = join(root, 'notes.txt');
    await writeFile(notes, 'meeting notes\n');
    expect(await verdictOf({ bundle: [notes] })).toEqual({
      verdict: 'unverifiable',
      line: `NOT A BUNDLE: ${basename(notes)} is neither a .tar.gz audit bundle nor the files of a bundle folder (manifest.json, events.jsonl, …)`,
    });
    expect((await commandVerdict([notes])).code).toBe(2);
  });
});
