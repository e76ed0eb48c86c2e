import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_SERVICES } from '@ledger/contracts';

jest.setTimeout(240_000);

const START_MULTI = join(__dirname, 'startMulti.ts');

interface Launched {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** `npm run start:multi -- --local` as a newcomer runs it, up to its "Ctrl-C to stop." line. */
async function launch(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}, args = ['--local']): Promise<Launched> {
  const env: NodeJS.ProcessEnv = { ...process.env, LEDGER_DATA_DIR: dataDir, MULTI_BASE_PORT: '0', ...extraEnv };
  for (const name of [
    'DATABASE_URL',
    'KAFKA_BROKERS',
    'LEDGER_MASTER_KEYS',
    'LEDGER_SIGNING_KEYS',
    'LEDGER_DEV_TOKEN_SECRET',
  ]) {
    if (!(name in extraEnv)) delete env[name];
  }
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), START_MULTI, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output, exited };
}

async function waitForLine(launched: Launched, text: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!launched.output.join('').includes(text)) {
    if (launched.child.exitCode !== null) throw new Error(`exited early:\n${launched.output.join('')}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" in time:\n${launched.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm run start:multi', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-multi-'));
  // The embedded server refuses to run as root, so it runs as another user who must reach this folder.
  chmodSync(dataDir, 0o755);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses, in one line, without DATABASE_URL and KAFKA_BROKERS unless told --local', async () => {
    const launched = await launch(dataDir, {}, []);
    expect(await launched.exited).toBe(1);
    const lines = launched.output.join('').trim().split('\n');
    expect(lines).toEqual([expect.stringContaining('start:multi needs DATABASE_URL, KAFKA_BROKERS')]);
  });

  it('--local starts four service processes that serve, seeds the demo, and stops cleanly on SIGTERM', async () => {
    const launched = await launch(dataDir);
    await waitForLine(launched, 'Ctrl-C to stop.');
    const text = launched.output.join('');
    expect(text).toContain('Seeding the demo household');
    const token = /^export ADVISOR=(\S+)$/m.exec(text)?.[1];
    for (const service of EVENT_SERVICES) {
      const url = new RegExp(`^  ${service} +(http://\\S+)`, 'm').exec(text)?.[1];
      expect(url).toBeDefined();
      const ready = await fetch(`${url}/health/ready`);
      expect([service, ready.status]).toEqual([service, 200]);
    }
    const evidence = /^ {2}evidence +(http:\/\/\S+)/m.exec(text)?.[1];
    const accounts = await fetch(`${evidence}/v1/provider-accounts`, { headers: { authorization: `Bearer ${token}` } });
    expect(accounts.status).toBe(200);

    launched.child.kill('SIGTERM');
    expect(await launched.exited).toBe(0);
    expect(launched.output.join('')).toContain('Stopped.');
  });
});
