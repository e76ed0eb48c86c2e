import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '@ledger/registry';
import type { RunningStack } from '@ledger/postgres';
import { launchCommand, waitForOutput, type LaunchedCommand } from './testing/launchedCommand';
import { descendants, isRunning, waitUntilGone } from './testing/processTree';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = join(__dirname, 'startMulti.ts');
const READY = 'Ctrl-C to stop.';
const WALKTHROUGH_HEADING = 'Walk-through through the gateway (paste into a shell after the exports):';
/** A service's or the launcher's stack trace, prefixed or not with the service's name. */
const STACK_TRACE = /^(\[[\w-]+\] )?\s+at \S/m;

function environment(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEDGER_DATA_DIR: dataDir,
    MULTI_BASE_PORT: '0',
    MULTI_GATEWAY_PORT: '0',
    MULTI_METRICS_BASE_PORT: '0',
    ...extra,
  };
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'LEDGER_MASTER_KEYS', 'LEDGER_SIGNING_KEYS']) delete env[name];
  delete env.LEDGER_DEV_TOKEN_SECRET;
  return env;
}

const launchedStacks: LaunchedCommand[] = [];

/** `npm run start:multi -- --local` as a shell runs a job: in a process group of its own. */
function npmStartMulti(dataDir: string): LaunchedCommand {
  const launched = launchCommand('npm', ['run', 'start:multi', '--', '--local'], {
    cwd: ROOT,
    env: environment(dataDir),
    detached: true,
  });
  launchedStacks.push(launched);
  return launched;
}

/** After a failed test, nothing of its stack may linger into the next one. */
async function killLeftovers(): Promise<void> {
  for (const launched of launchedStacks.splice(0)) {
    const pid = launched.child.pid as number;
    const tree = descendants(pid);
    for (const target of [pid, ...tree.map((process) => process.pid)]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await waitUntilGone(tree, 10_000);
  }
}

/** What the npm script runs, without npm's own lines around a failure. */
function launcher(dataDir: string, args: string[], extra: NodeJS.ProcessEnv = {}): LaunchedCommand {
  return launchCommand(process.execPath, ['--import', 'tsx', LAUNCHER, ...args], {
    cwd: ROOT,
    env: environment(dataDir, extra),
  });
}

function exported(text: string, name: string): string {
  const value = new RegExp(`^export ${name}=(\\S+)$`, 'm').exec(text)?.[1];
  if (!value) throw new Error(`no export ${name} in:\n${text}`);
  return value;
}

function printedWalkthrough(text: string): string {
  const start = text.indexOf(WALKTHROUGH_HEADING);
  const end = text.indexOf(READY, start);
  expect([start, end].every((index) => index > 0)).toBe(true);
  return text.slice(start + WALKTHROUGH_HEADING.length, end);
}

describe('npm run start:multi', () => {
  // The embedded server runs as the `postgres` user when this runs as root: it must reach the folder.
  const parent = mkdtempSync(join(tmpdir(), 'ledger-multi-'));
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'data');

  afterEach(killLeftovers);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('refuses, in one line, without DATABASE_URL and KAFKA_BROKERS unless told --local', async () => {
    const launched = launcher(dataDir, []);
    expect(await launched.exited).toBe(1);
    expect(launched.stdout()).toBe('');
    expect(launched.stderr().trim().split('\n')).toEqual([
      expect.stringContaining('start:multi needs DATABASE_URL, KAFKA_BROKERS'),
    ]);
  });

  it('refuses, in one line and before anything starts, the development token issuer under LEDGER_ENV=production', async () => {
    const launched = launcher(dataDir, ['--local'], { LEDGER_ENV: 'production' });
    expect(await launched.exited).toBe(1);
    expect(launched.stdout()).toBe('');
    expect(launched.stderr().trim().split('\n')).toEqual([
      'start:multi: LEDGER_ENV=production refuses the development token issuer: set LEDGER_AUTH_JWKS_URL, LEDGER_AUTH_ISSUER and LEDGER_AUTH_AUDIENCE',
    ]);
  });

  it('serves the walk-through through one gateway port, describes itself in stack.json, and stops cleanly on Ctrl-C', async () => {
    const launched = npmStartMulti(dataDir);
    await waitForOutput(launched, READY);
    const text = launched.stdout();
    expect(text).toContain('Seeding the demo household');

    // The stack file: where `npm run ledger` finds the embedded server and the keys.
    const stackFile = join(dataDir, 'stack.json');
    expect(text).toContain(`Connection details in ${stackFile}: \`npm run ledger\` finds this stack there`);
    const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as RunningStack;
    const tree = descendants(launched.child.pid as number);
    expect(stack).toEqual({
      topology: 'multi-node',
      databaseUrl: expect.stringMatching(/^postgres:\/\/\S+@127\.0\.0\.1:\d+\/postgres$/),
      dataDir,
      pid: expect.any(Number),
      startedAt: expect.any(String),
      masterKeysFile: join(dataDir, 'master-keys'),
      signingKeysFile: join(dataDir, 'signing-keys.json'),
    });
    expect(tree.map((process) => process.pid)).toContain(stack.pid);
    expect([existsSync(stack.masterKeysFile), existsSync(stack.signingKeysFile)]).toEqual([true, true]);

    // A second stack on the same folder is refused before it starts anything.
    const second = launcher(dataDir, ['--local']);
    expect(await second.exited).toBe(1);
    expect(second.stderr().trim().split('\n')).toEqual([
      `start:multi: a multi-node stack (pid ${stack.pid}) is already running in ${dataDir}; stop it or set LEDGER_DATA_DIR`,
    ]);

    // The printed walk-through, pasted into a shell after the printed exports; curl also reports each
    // status on stderr and ends each answer with a newline.
    const base = exported(text, 'BASE');
    const exports = ['BASE', 'ADVISOR', 'COMPLIANCE', 'OPERATOR'].map(
      (name) => `export ${name}=${exported(text, name)}`,
    );
    const script = [
      `curl() { command curl -w '%{stderr}\\nHTTP %{http_code}\\n%{stdout}\\n' "$@"; }`,
      ...exports,
      printedWalkthrough(text),
    ].join('\n');
    const shell = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 60_000 });
    expect(shell.status).toBe(0);
    const statuses = [...shell.stderr.matchAll(/^HTTP (\d{3})$/gm)].map((match) => Number(match[1]));
    expect(statuses).toHaveLength(6);
    expect(statuses.filter((status) => status >= 300)).toEqual([]);
    const answers = shell.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const brief = answers.find((answer) => Array.isArray(answer.sections)) as {
      sections: Array<{ bullets: Array<{ citations: unknown[] }> }>;
    };
    const bullets = brief.sections.flatMap((section) => section.bullets);
    expect(bullets.length).toBeGreaterThan(0);
    expect(bullets.every((bullet) => bullet.citations.length > 0)).toBe(true);

    // The audit service learns of the Evidence.List read through Kafka, within moments.
    const compliance = { authorization: `Bearer ${exported(text, 'COMPLIANCE')}` };
    type Trail = { items: Array<{ type: string; actor: string }> };
    const deadline = Date.now() + 20_000;
    let trail: Trail = { items: [] };
    while (Date.now() < deadline && !trail.items.some((event) => event.type === 'EvidenceListed')) {
      trail = (await (await fetch(`${base}/v1/audit/events?accessOnly=true`, { headers: compliance })).json()) as Trail;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(trail.items).toContainEqual(expect.objectContaining({ type: 'EvidenceListed', actor: 'demo-advisor' }));
    const unrouted = await fetch(`${base}/nowhere`);
    expect([unrouted.status, ((await unrouted.json()) as { code: string }).code]).toEqual([404, 'GATEWAY.NO_ROUTE']);

    // Ctrl-C in a terminal: SIGINT to every process of the foreground group (npm and the launcher).
    const services = SERVICES.length;
    expect(tree.filter((process) => process.command.includes('serviceMain.ts'))).toHaveLength(services);
    const signalled = Date.now();
    process.kill(-(launched.child.pid as number), 'SIGINT');
    expect(await launched.exited).toBe(0);
    const stopSeconds = (Date.now() - signalled) / 1000;
    expect(await waitUntilGone(tree, 5_000)).toEqual([]);
    expect(stopSeconds).toBeLessThan(8);
    expect(launched.stdout()).toMatch(/^Stopped\./m);
    const everything = `${launched.stdout()}\n${launched.stderr()}`;
    expect(everything).not.toContain('Unhandled');
    expect(everything).not.toMatch(STACK_TRACE);
    expect(launched.stderr().trim()).toBe('');
    expect(existsSync(stackFile)).toBe(false);
  });

  it('SIGTERM to the npm process alone stops every process of the stack', async () => {
    const launched = npmStartMulti(dataDir);
    await waitForOutput(launched, READY);
    const tree = descendants(launched.child.pid as number);
    // The launcher, four services, the embedded server (its helper and the postmaster) and the broker, at least.
    expect(tree.length).toBeGreaterThanOrEqual(8);
    expect(tree.filter((process) => process.command.includes('mockkafka'))).toHaveLength(1);
    expect(tree.some((process) => /postgres -D/.test(process.command))).toBe(true);

    launched.child.kill('SIGTERM');
    expect(await launched.exited).toBe(0);
    const left = await waitUntilGone(tree, 10_000);
    expect(left).toEqual([]);
    expect(tree.filter(isRunning)).toEqual([]);
    expect(launched.stdout()).toMatch(/^Stopped\./m);
    expect(launched.stderr()).not.toMatch(STACK_TRACE);
    expect(existsSync(join(dataDir, 'stack.json'))).toBe(false);
  });
});
