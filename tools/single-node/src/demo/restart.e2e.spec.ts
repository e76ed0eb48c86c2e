import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '@ledger/postgres';
import type { Role } from '@ledger/tenancy';
import { DEMO_BRIEF_ID } from './demoHousehold';
import { runWalkthrough, walkthroughSteps, type WalkthroughStep } from './walkthrough';

const MAIN = join(__dirname, '..', 'main.ts');

interface Started {
  child: ChildProcess;
  output: string[];
  base: string;
  tokens: Record<Role, string>;
}

/** `npm start` as a newcomer runs it: no DATABASE_URL, so the embedded server in the data folder. */
async function start(dataDir: string, port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEDGER_DATA_DIR: dataDir,
    PORT: String(port),
    OTEL_EXPORTER_PROMETHEUS_PORT: '0',
  };
  delete env.DATABASE_URL;
  delete env.LEDGER_MASTER_KEYS;
  delete env.LEDGER_DEV_TOKEN_SECRET;
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const tokens = {} as Record<Role, string>;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start timed out:\n${output.join('')}`)), 120_000);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      for (const match of chunk.toString().matchAll(/^export (ADVISOR|COMPLIANCE|OPERATOR)=(\S+)$/gm)) {
        tokens[match[1].toLowerCase() as Role] = match[2];
      }
      if (output.join('').includes('Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before it was up:\n${output.join('')}`)));
  });
  return { child, output, base: `http://127.0.0.1:${port}`, tokens };
}

async function stop(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.on('exit', (code) => resolve(code)));
  started.child.kill('SIGTERM');
  return exited;
}

async function call<T>(started: Started, step: Pick<WalkthroughStep, 'role' | 'method' | 'path' | 'body'>): Promise<T> {
  const response = await fetch(`${started.base}${step.path}`, {
    method: step.method,
    headers: {
      authorization: `Bearer ${started.tokens[step.role]}`,
      ...(step.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${step.method} ${step.path} answered ${response.status}: ${body}`);
  return JSON.parse(body) as T;
}

describe('npm start on the embedded database, restarted mid-narrative', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
  // Run as root, the embedded server drops to its own user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Two starts of the whole stack: on a loaded 2-core machine each can take most of a minute.
  it('keeps the demo, the brief and its bullets across a restart and finishes the walk-through', async () => {
    const port = await freeLoopbackPort();
    const first = await start(dataDir, port);
    expect(first.output.join('')).toContain('Seeding the demo household');
    const { answers, ids } = await runWalkthrough((step) => call(first, step), 4);
    const brief = answers[3] as { contentHash: string; sections: unknown[] };
    const [, , , , list, trail] = walkthroughSteps(ids);
    expect(await stop(first)).toBe(0);
    expect(first.output.join('')).toContain('Stopped.');

    const second = await start(dataDir, port);
    try {
      expect(second.output.join('')).toContain('already seeded');
      const reread = await call<{ contentHash: string; sections: unknown[] }>(second, {
        role: 'advisor',
        method: 'GET',
        path: `/v1/briefs/${DEMO_BRIEF_ID}`,
      });
      expect(reread.contentHash).toBe(brief.contentHash);
      expect(reread.sections).toEqual(brief.sections);
      const evidence = await call<{ items: unknown[] }>(second, list);
      expect(evidence.items.length).toBeGreaterThan(0);
      const audit = await call<{ items: Array<{ type: string }> }>(second, trail);
      expect(audit.items.some((event) => event.type === 'EvidenceListed')).toBe(true);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 240_000);
});
