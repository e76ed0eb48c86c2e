import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findRunningStacks,
  readRunningStack,
  removeRunningStack,
  stackDataDirs,
  stackFilePath,
  writeRunningStack,
  type RunningStack,
} from './runningStack';

function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('the running-stack file', () => {
  let root: string;
  const stack = (dataDir: string, pid: number, topology: RunningStack['topology'] = 'single-node'): RunningStack => ({
    topology,
    databaseUrl: 'postgres://postgres:secret@127.0.0.1:5999/ledger',
    dataDir,
    pid,
    startedAt: '2026-01-01T00:00:00.000Z',
    masterKeysFile: join(dataDir, 'master-keys'),
    signingKeysFile: join(dataDir, 'signing-keys.json'),
  });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ledger-stack-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is written readable by its owner only and read back while its process runs', async () => {
    const dataDir = join(root, '.data');
    await mkdir(dataDir);
    const file = await writeRunningStack(stack(dataDir, process.pid));
    expect(file).toBe(join(dataDir, 'stack.json'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(readRunningStack(dataDir)).toEqual(stack(dataDir, process.pid));
    await removeRunningStack(dataDir);
    expect(readRunningStack(dataDir)).toBeUndefined();
  });

  it('is stale once its process is gone, and ignored when unreadable', async () => {
    const dataDir = join(root, 'stale');
    await mkdir(dataDir);
    await writeRunningStack(stack(dataDir, await deadPid()));
    expect(readRunningStack(dataDir)).toBeUndefined();
    await writeFile(stackFilePath(dataDir), '{ not json');
    expect(readRunningStack(dataDir)).toBeUndefined();
    await writeFile(stackFilePath(dataDir), JSON.stringify({ pid: process.pid }));
    expect(readRunningStack(dataDir)).toBeUndefined();
  });

  it('is looked for in LEDGER_DATA_DIR alone, else in both local stacks’ folders', async () => {
    expect(stackDataDirs({ LEDGER_DATA_DIR: 'elsewhere' }, root)).toEqual([join(root, 'elsewhere')]);
    expect(stackDataDirs({}, root)).toEqual([join(root, '.data'), join(root, '.data', 'multi-node')]);
    const single = join(root, '.data');
    const multi = join(root, '.data', 'multi-node');
    await mkdir(multi, { recursive: true });
    expect(findRunningStacks({}, root)).toEqual([]);
    await writeRunningStack(stack(multi, process.pid, 'multi-node'));
    expect(findRunningStacks({}, root).map((s) => s.topology)).toEqual(['multi-node']);
    await writeRunningStack(stack(single, process.pid));
    expect(findRunningStacks({}, root).map((s) => s.topology)).toEqual(['single-node', 'multi-node']);
    expect(findRunningStacks({ LEDGER_DATA_DIR: multi }, root).map((s) => s.topology)).toEqual(['multi-node']);
  });
});
