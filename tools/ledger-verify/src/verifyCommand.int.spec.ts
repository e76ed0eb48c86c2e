import { execFile, execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tarGzStream } from '@ledger/audit';
import { loadSigningKeys } from '@ledger/host';
import { exportBundle, TreeHeadPublisher, type Ed25519KeyRing } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { tarGzOf } from './testing/tarBuilder';

const WORKSPACE = join(__dirname, '..', '..', '..');
const BIN = join(__dirname, '..', 'bin', 'ledger-verify.cjs');
const PASS_40 = 'PASS: org org-x, 40 events [0, 40) in the signed tree of size 40';
const ROOT = 'audit-export-0d4c2a9e-5b1f-4a57-9a0e-3f6c1b2d7e88';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The installed command, as `npm run verify-bundle` starts it, in a child process. */
function verify(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the verify-bundle command on what a user hands it', () => {
  let ctx: LedgerTestContext;
  let root: string;
  let keys: Ed25519KeyRing;
  let signingKeyFile: string;
  const path: Record<string, string> = {};

  async function appendAndSign(orgId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += 5) {
      await ctx.ledger.append({
        orgId,
        streamId: `audit-${i % 3}`,
        expectedRevision: 'any',
        events: [0, 1, 2, 3, 4].map(() => ({ type: 'Checked', data: { note: 'line' }, metadata: { actor: 'u-1' } })),
      });
      await ctx.ledger.sequencer.drain();
    }
    await new TreeHeadPublisher({ pool: ctx.writer, keys }).publish(orgId);
  }

  /** A bundle exported from the ledger and archived by the audit service's own tar writer. */
  async function exportArchive(name: string): Promise<string> {
    const dir = join(root, `${name}-files`);
    const manifest = await exportBundle({ pool: ctx.writer, orgId: 'org-x', dir, keys });
    const files = [...manifest.files.map((file) => file.path), 'manifest.json', 'manifest.sig.json'];
    const archive = join(root, `${name}.tar.gz`);
    await pipeline(tarGzStream(dir, files, { root: ROOT }), createWriteStream(archive));
    return archive;
  }

  async function write(name: string, content: Buffer | string): Promise<string> {
    await writeFile(join(root, name), content);
    return join(root, name);
  }

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    root = await mkdtemp(join(tmpdir(), 'ledger-verify-command-'));
    // The key file `npm start` generates for the embedded setup: private seeds only.
    signingKeyFile = join(root, 'signing-keys.json');
    keys = await loadSigningKeys({}, true, signingKeyFile);
    await appendAndSign('org-x', 20);
    path.older = await exportArchive('older');
    await appendAndSign('org-x', 20);
    path.archive = await exportArchive('export');
    path.extracted = join(root, 'extracted');
    await mkdir(path.extracted);
    execFileSync('tar', ['-xzf', path.archive, '-C', path.extracted]);
    path.folder = join(path.extracted, ROOT);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await ctx.close();
  });

  it('passes the .tar.gz the export API returns and the folder it unpacks into, exit 0', async () => {
    expect(await verify([path.archive])).toEqual({ code: 0, stdout: `${PASS_40}\n`, stderr: '' });
    expect(await verify([path.folder])).toEqual({ code: 0, stdout: `${PASS_40}\n`, stderr: '' });
    expect(await verify([path.archive, '--previous', path.older])).toEqual({
      code: 0,
      stdout: `${PASS_40}\n`,
      stderr: '',
    });
  });

  it('passes the bundle repacked by the system tar: its folder, its files as ./name, or an uncompressed tar', async () => {
    const folder = join(root, 'repacked.tar.gz');
    const dotted = join(root, 'dotted.tar.gz');
    const plain = join(root, 'repacked.tar');
    execFileSync('tar', ['-czf', folder, '-C', path.extracted, ROOT]);
    execFileSync('tar', ['-czf', dotted, '-C', path.folder, '.']);
    execFileSync('tar', ['-cf', plain, '-C', path.extracted, ROOT]);
    for (const archive of [folder, dotted, plain]) {
      expect(await verify([archive])).toEqual({ code: 0, stdout: `${PASS_40}\n`, stderr: '' });
    }
  });

  it('says "no such file" for a missing path, never FAIL, exit 2', async () => {
    const missing = join(root, 'nowhere', 'export.tar.gz');
    expect(await verify([missing])).toEqual({ code: 2, stdout: '', stderr: `NO SUCH FILE: ${missing}\n` });
    expect(await verify([path.archive, '--previous', missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `NO SUCH FILE: ${missing} (--previous)\n`,
    });
    expect(await verify([path.archive, '--keys', missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `NO SUCH FILE: ${missing} (--keys)\n`,
    });
  });

  it('says "not a bundle" for a random file, plain text, gzip text, an empty folder or a foreign tar, exit 2', async () => {
    const random = await write('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256)));
    const text = await write('notes.txt', 'meeting notes, not a bundle\n');
    const gzipText = await write('notes.txt.gz', gzipSync('meeting notes, not a bundle\n'));
    const truncated = await write('truncated.tar.gz', (await readFile(path.archive)).subarray(0, 200));
    const foreign = await write(
      'photos.tar.gz',
      tarGzOf([
        { name: 'photos/', type: '5' },
        { name: 'photos/readme.txt', content: 'holiday\n' },
      ]),
    );
    const emptyFolder = join(root, 'empty');
    await mkdir(emptyFolder);
    const { code, stderr } = await verify([path.extracted]);
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: `NOT A BUNDLE: ${path.extracted} is a folder without the bundle's files; the bundle is its folder ${path.folder}\n`,
    });
    const cases: [string, string][] = [
      [random, `NOT A BUNDLE: ${random} is neither a .tar.gz audit bundle nor a bundle folder`],
      [text, `NOT A BUNDLE: ${text} is neither a .tar.gz audit bundle nor a bundle folder`],
      [gzipText, `NOT A BUNDLE: ${gzipText} is gzip-compressed but not a tar archive`],
      [truncated, `NOT A BUNDLE: ${truncated} is a damaged gzip file (unexpected end of file)`],
      [foreign, `NOT A BUNDLE: ${foreign} is an archive without the bundle's files (manifest.json, events.jsonl, …)`],
      [
        emptyFolder,
        `NOT A BUNDLE: ${emptyFolder} is a folder without the bundle's files (manifest.json, events.jsonl, …)`,
      ],
    ];
    for (const [file, message] of cases) {
      expect(await verify([file])).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    }
    expect(await verify([path.archive, '--previous', text])).toEqual({
      code: 2,
      stdout: '',
      stderr: `NOT A BUNDLE: ${text} (--previous) is neither a .tar.gz audit bundle nor a bundle folder\n`,
    });
  });

  it('fails a tampered .tar.gz naming the exact event, exit 1', async () => {
    const tar = gunzipSync(await readFile(path.archive));
    const events = await readFile(join(path.folder, 'events.jsonl'));
    const sixthLine = lineStart(events, 5);
    expect(events.indexOf('\n', sixthLine)).toBeGreaterThan(sixthLine + 10);
    tar[tar.indexOf(events) + sixthLine + 10] ^= 0x01;
    const tampered = await write('tampered.tar.gz', gzipSync(tar));
    expect(await verify([tampered])).toEqual({
      code: 1,
      stdout: 'FAIL: event at org_seq 5 (events.jsonl line 6) does not match its leaf hash\n',
      stderr: '',
    });
  });

  it('fails an archive of the bundle with its manifest taken out: that is tampering, exit 1', async () => {
    const names = (await readdir(path.folder)).filter((name) => name !== 'manifest.json').sort();
    const entries = await Promise.all(
      names.map(async (name) => ({ name: `${ROOT}/${name}`, content: await readFile(join(path.folder, name)) })),
    );
    const stripped = await write('stripped.tar.gz', tarGzOf([{ name: `${ROOT}/`, type: '5' }, ...entries]));
    expect(await verify([stripped])).toEqual({ code: 1, stdout: 'FAIL: manifest.json is missing\n', stderr: '' });
  });

  it('refuses an archive with a ../ entry without writing it anywhere, exit 2', async () => {
    const manifest = await readFile(join(path.folder, 'manifest.json'));
    const evil = await write(
      'evil.tar.gz',
      tarGzOf([
        { name: `${ROOT}/`, type: '5' },
        { name: `${ROOT}/manifest.json`, content: manifest },
        { name: `${ROOT}/../../escaped.txt`, content: 'written outside\n' },
      ]),
    );
    const cwd = await mkdtemp(join(root, 'cwd-'));
    const temp = await mkdtemp(join(root, 'tmp-'));
    const run = await verify([evil], { cwd, env: { ...process.env, TMPDIR: temp } });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `NOT A BUNDLE: ${evil}: refused archive entry "${ROOT}/../../escaped.txt" (a path outside the bundle folder)\n`,
    });
    // tsx keeps its compile cache in the temporary folder; nothing else may be left there.
    expect((await readdir(temp)).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    expect(await readdir(cwd)).toEqual([]);
    const everywhere = await readdir(root, { recursive: true });
    expect(everywhere.filter((name) => name.includes('escaped'))).toEqual([]);
  });

  it('takes --keys as published public keys or as the signing key file the project generates', async () => {
    const publicKeys = await write('public-keys.json', JSON.stringify(keys.publicKeys()));
    expect(await verify([path.archive, '--keys', publicKeys])).toEqual({ code: 0, stdout: `${PASS_40}\n`, stderr: '' });
    expect(await verify([path.archive, '--keys', signingKeyFile])).toEqual({
      code: 0,
      stdout: `${PASS_40}\n`,
      stderr: '',
    });
    const garbage = await write('garbage-keys.json', '[{"keyId":"k"}]');
    expect(await verify([path.archive, '--keys', garbage])).toEqual({
      code: 2,
      stdout: '',
      stderr: `NOT A KEY FILE: ${garbage} (--keys): key 0 has neither a publicKey nor a private seed d\n`,
    });
  });

  it('prints one JSON object with --json, whatever the verdict', async () => {
    const pass = await verify([path.archive, '--json']);
    expect(pass.code).toBe(0);
    expect(pass.stdout.split('\n')).toHaveLength(2);
    expect(JSON.parse(pass.stdout)).toEqual({
      verdict: 'pass',
      exitCode: 0,
      message: PASS_40,
      bundle: path.archive,
      orgId: 'org-x',
      range: { start: 0, end: 40 },
      treeSize: 40,
      events: 40,
      keys: 'bundle',
      previous: null,
    });
    const withPrevious = await verify(['--json', path.archive, '--previous', path.older, '--keys', signingKeyFile]);
    expect(JSON.parse(withPrevious.stdout)).toMatchObject({
      verdict: 'pass',
      keys: signingKeyFile,
      previous: { bundle: path.older, treeSize: 20 },
    });
    const stripped = await verify([join(root, 'stripped.tar.gz'), '--json']);
    expect({ code: stripped.code, stderr: stripped.stderr, json: JSON.parse(stripped.stdout) }).toEqual({
      code: 1,
      stderr: '',
      json: {
        verdict: 'fail',
        exitCode: 1,
        message: 'FAIL: manifest.json is missing',
        problem: 'manifest.json is missing',
        bundle: join(root, 'stripped.tar.gz'),
      },
    });
    const missing = join(root, 'missing.tar.gz');
    const none = await verify(['--json', missing]);
    expect({ code: none.code, stderr: none.stderr, json: JSON.parse(none.stdout) }).toEqual({
      code: 2,
      stderr: '',
      json: {
        verdict: 'no-such-file',
        exitCode: 2,
        message: `NO SUCH FILE: ${missing}`,
        argument: 'BUNDLE',
        path: missing,
      },
    });
    const usage = await verify(['--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ verdict: 'usage', exitCode: 2 });
  });

  it('runs as `npm run verify-bundle -- export.tar.gz`', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile(
        'npm',
        ['run', '--silent', 'verify-bundle', '--', path.archive],
        { cwd: WORKSPACE },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(run).toEqual({ code: 0, stdout: `${PASS_40}\n`, stderr: '' });
  });
});

/** Where line `line` (from 0) starts. */
function lineStart(bytes: Buffer, line: number): number {
  let at = 0;
  for (let i = 0; i < line; i++) at = bytes.indexOf('\n', at) + 1;
  return at;
}
