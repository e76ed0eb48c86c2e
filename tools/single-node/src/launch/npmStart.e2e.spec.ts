import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '@ledger/postgres';
import { JwksServer, providerKey, providerToken } from '@ledger/tenancy/testing';
import { commandName, descendants, waitUntilGone } from './testing/processTree';
import { freshDataDir, npmStart, stderrLines, type NpmStart } from './testing/npmStart';

const UP = 'Ctrl-C to stop.';

interface StackFile {
  topology: string;
  databaseUrl: string;
  dataDir: string;
  pid: number;
  startedAt: string;
  masterKeysFile: string;
  signingKeysFile: string;
  apiUrl: string;
}

function printedWalkthrough(output: string): string {
  return output.slice(output.indexOf('Walk-through (paste'), output.indexOf(UP)).split('\n').slice(1).join('\n');
}

/** Runs the printed exports and walk-through in bash as pasted, with a TMPDIR of its own. */
async function runPrintedWalkthrough(output: string, scratch: string): Promise<{ code: number | null; text: string }> {
  const exports = output.split('\n').filter((line) => line.startsWith('export '));
  const script = [...exports, printedWalkthrough(output), 'echo "SPAN=$SPAN DOC=$DOC"', ''].join('\n');
  const bash = spawn('bash', ['-s'], {
    cwd: scratch,
    env: { PATH: process.env.PATH, HOME: scratch, TMPDIR: scratch },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  bash.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  bash.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  bash.stdin.end(script);
  const code = await new Promise<number | null>((resolve) => bash.once('close', resolve));
  return { code, text };
}

/** The walk-through's old fixed files (`/tmp/ledger-demo*.env`) touched since `since`. */
function demoFilesInTmpSince(since: number): string[] {
  return readdirSync('/tmp')
    .filter((name) => name.startsWith('ledger-demo'))
    .filter((name) => statSync(join('/tmp', name)).mtimeMs >= since);
}

/** Signals one process and checks that it and everything it had started are gone. */
async function stopAndCheckTree(started: NpmStart, send: () => void) {
  const tree = descendants(started.pid);
  const names = tree.map(commandName);
  send();
  const exit = await started.exited;
  const left = await waitUntilGone([started.pid, ...tree], 15_000);
  return { names, exit, left };
}

describe('npm start from a shell', () => {
  const folders: string[] = [];
  const stacks: NpmStart[] = [];
  afterAll(async () => {
    // A failed assertion must not leave a stack behind: stop the groups this suite started.
    for (const started of stacks) {
      try {
        process.kill(-started.pid, 'SIGTERM');
        await started.exited;
      } catch {
        // Already gone.
      }
    }
    folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  });
  function start(env: Record<string, string>): NpmStart {
    const started = npmStart(env);
    stacks.push(started);
    return started;
  }
  function dataFolder(): string {
    const { parent, dataDir } = freshDataDir();
    folders.push(parent);
    return dataDir;
  }

  it('refuses a bad PORT, HOST, TOPOLOGY in one line, and development settings in production in a line each, without a stack and before anything starts', async () => {
    const cases: Array<{ env: Record<string, string>; lines: RegExp[] }> = [
      { env: { PORT: 'abc' }, lines: [/^start refused: PORT=abc is not a port: use an integer from 0 to 65535/] },
      { env: { PORT: '70000' }, lines: [/^start refused: PORT=70000 is not a port/] },
      { env: { HOST: 'not a host' }, lines: [/^start refused: HOST=not a host is not an address/] },
      { env: { TOPOLOGY: 'cluster' }, lines: [/^start refused: topology: TOPOLOGY=cluster is not a topology/] },
      {
        env: { LEDGER_ENV: 'production' },
        lines: [
          /^start refused: LEDGER_ENV=production refuses the development token issuer: set LEDGER_AUTH_JWKS_URL/,
          /^start refused: LEDGER_ENV=production refuses the embedded PostgreSQL server: set DATABASE_URL/,
          /^start refused: LEDGER_ENV=production needs LEDGER_MASTER_KEYS_FILE: /,
          /^start refused: LEDGER_ENV=production needs LEDGER_SIGNING_KEYS_FILE: /,
        ],
      },
    ];
    const began = Date.now();
    const runs = cases.map((c) => {
      const dataDir = dataFolder();
      return { ...c, dataDir, started: start({ PORT: '3000', ...c.env, LEDGER_DATA_DIR: dataDir }) };
    });
    for (const run of runs) {
      expect((await run.started.exited).code).toBe(1);
      const lines = stderrLines(run.started);
      expect(lines).toHaveLength(run.lines.length);
      run.lines.forEach((line, index) => expect(lines[index]).toMatch(line));
      expect(run.started.stdout()).not.toContain('Starting embedded PostgreSQL');
      // Nothing was created, so no database was started.
      expect(existsSync(run.dataDir)).toBe(false);
    }
    // Five refusals at once in far less than one database start and seed.
    expect(Date.now() - began).toBeLessThan(30_000);
  });

  it('describes itself while up, refuses a second start, a busy port and a locked folder in one line, runs the printed walk-through, and stops entirely on SIGTERM to npm alone', async () => {
    const dataDir = dataFolder();
    const port = await freeLoopbackPort();
    const first = start({ PORT: String(port), LEDGER_DATA_DIR: dataDir });
    await first.waitFor(UP);

    const stackFile = join(dataDir, 'stack.json');
    const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as StackFile;
    expect(statSync(stackFile).mode & 0o777).toBe(0o600);
    expect(stack).toMatchObject({
      topology: 'single-node',
      dataDir,
      masterKeysFile: join(dataDir, 'master-keys'),
      signingKeysFile: join(dataDir, 'signing-keys.json'),
      apiUrl: `http://127.0.0.1:${port}`,
    });
    expect(stack.databaseUrl).toMatch(/^postgres:\/\/.*@127\.0\.0\.1:\d+\/postgres$/);
    expect(Number.isNaN(Date.parse(stack.startedAt))).toBe(false);
    expect(descendants(first.pid)).toContain(stack.pid);
    expect(first.stdout()).toContain(`Stack described in ${stackFile}: npm run ledger -- … finds the database there`);

    // A second start on the same folder, even on another port.
    const otherPort = await freeLoopbackPort();
    const second = start({ PORT: String(otherPort), LEDGER_DATA_DIR: dataDir });
    expect((await second.exited).code).toBe(1);
    expect(stderrLines(second)).toEqual([
      `start refused: Ledger is already running on ${dataDir} (single-node, pid ${stack.pid}, http://127.0.0.1:${port}); ` +
        'stop it first, or set LEDGER_DATA_DIR to another folder',
    ]);

    // Another folder on the busy port: refused before its database or even its folder exists.
    const elsewhere = dataFolder();
    const busy = start({ PORT: String(port), LEDGER_DATA_DIR: elsewhere });
    expect((await busy.exited).code).toBe(1);
    expect(stderrLines(busy)).toEqual([
      `start refused: PORT=${port}: 127.0.0.1:${port} is already in use by another process; stop it or choose another PORT`,
    ]);
    expect(existsSync(elsewhere)).toBe(false);

    // Without its description (a first start still booting), the embedded server's lock speaks.
    renameSync(stackFile, `${stackFile}.aside`);
    const locked = start({ PORT: String(otherPort), LEDGER_DATA_DIR: dataDir });
    expect((await locked.exited).code).toBe(1);
    renameSync(`${stackFile}.aside`, stackFile);
    const lockLines = stderrLines(locked);
    expect(lockLines).toHaveLength(1);
    expect(lockLines[0]).toMatch(
      new RegExp(
        `^start failed: embedded PostgreSQL failed to start: ${join(dataDir, 'postgres')} is in use by PostgreSQL pid \\d+ `,
      ),
    );
    expect(lockLines[0]).not.toContain('undefined');

    // The walk-through as printed, pasted into bash: ids travel in shell variables, no files.
    const scratch = mkdtempSync(join(tmpdir(), 'ledger-walkthrough-'));
    folders.push(scratch);
    const walkStart = Date.now() - 1000;
    const walk = await runPrintedWalkthrough(first.stdout(), scratch);
    expect(walk.code).toBe(0);
    expect(walk.text).toContain('"claimId":"claim-c1-college-plan"');
    expect(walk.text).toContain('EvidenceListed');
    expect(walk.text).toMatch(/SPAN=\S+ DOC=\S+/);
    expect(printedWalkthrough(first.stdout())).not.toMatch(/\/tmp|mktemp/);
    expect(readdirSync(scratch)).toEqual([]);
    expect(demoFilesInTmpSince(walkStart)).toEqual([]);

    // A process manager stops the stack by signalling npm only.
    const { names, exit, left } = await stopAndCheckTree(first, () => process.kill(first.pid, 'SIGTERM'));
    expect(names).toEqual(expect.arrayContaining(['node', 'postgres']));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(left).toEqual([]);
    expect(first.stdout().match(/^Stopped\.$/gm)).toHaveLength(1);
    expect(existsSync(stackFile)).toBe(false);

    // Ctrl-C at a terminal: SIGINT to the whole foreground process group stops it once, cleanly.
    const again = start({ PORT: String(port), LEDGER_DATA_DIR: dataDir });
    await again.waitFor(UP);
    expect(again.stdout()).toContain('already seeded');
    expect(existsSync(stackFile)).toBe(true);
    const interrupted = await stopAndCheckTree(again, () => process.kill(-again.pid, 'SIGINT'));
    expect(interrupted.exit).toEqual({ code: 0, signal: null });
    expect(interrupted.left).toEqual([]);
    expect(again.stdout().match(/^Stopped\.$/gm)).toHaveLength(1);
    expect(again.stderr()).not.toMatch(/Error|\n\s+at /);
    expect(existsSync(stackFile)).toBe(false);
  }, 240_000);

  it("verifies an identity provider's tokens when LEDGER_AUTH_JWKS_URL is set, printing no demo tokens", async () => {
    const provider = await JwksServer.start();
    try {
      const key = await providerKey('provider-1', 'ES256');
      provider.publish(key);
      const dataDir = dataFolder();
      const port = await freeLoopbackPort();
      const started = start({
        PORT: String(port),
        LEDGER_DATA_DIR: dataDir,
        LEDGER_AUTH_JWKS_URL: provider.url.href,
        LEDGER_AUTH_ISSUER: 'https://idp.example.test/',
        LEDGER_AUTH_AUDIENCE: 'ledger-api',
      });
      await started.waitFor(UP);
      expect(started.stdout()).toContain('Tokens come from https://idp.example.test/ (LEDGER_AUTH_JWKS_URL)');
      expect(started.stdout()).not.toMatch(/^export ADVISOR=/m);

      const url = `http://127.0.0.1:${port}/v1/provider-accounts`;
      const token = await providerToken(key, {
        issuer: 'https://idp.example.test/',
        audience: 'ledger-api',
        subject: 'advisor-1',
        org: 'org-idp',
        role: 'advisor',
      });
      const accepted = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toEqual({ accounts: [] });
      const anonymous = await fetch(url);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="ledger"');

      const { exit } = await stopAndCheckTree(started, () => process.kill(started.pid, 'SIGTERM'));
      expect(exit).toEqual({ code: 0, signal: null });
    } finally {
      await provider.close();
    }
  });
});
