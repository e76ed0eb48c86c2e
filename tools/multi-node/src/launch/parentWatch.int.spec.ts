import { join } from 'node:path';
import { launchCommand, waitForOutput } from '../testing/launchedCommand';
import { isRunning, descendants, waitUntilGone } from '../testing/processTree';

const FIXTURE = join(__dirname, '..', 'testing', 'parentWatchFixture.ts');

describe('a child of start:multi leaves when its parent dies without a word (SIGKILL)', () => {
  it.each(['pipe', 'pid'])('watching its parent by %s', async (how) => {
    const middle = launchCommand(process.execPath, ['--import', 'tsx', FIXTURE, 'middle', how], {
      cwd: join(__dirname, '..', '..', '..', '..'),
    });
    await waitForOutput(middle, 'leaf ', 30_000);
    const leafPid = Number(/^leaf (\d+)$/m.exec(middle.stdout())?.[1]);
    const leaf = descendants(middle.child.pid as number).find((process) => process.pid === leafPid);
    expect(leaf && isRunning(leaf)).toBe(true);
    await waitForOutput(middle, 'watching', 30_000);

    middle.child.kill('SIGKILL');
    expect(await middle.exited).toBe('SIGKILL');
    expect(await waitUntilGone(leaf ? [leaf] : [], 5_000)).toEqual([]);
    // It left by itself, through the watch (it shares the output pipe of its dead parent).
    const deadline = Date.now() + 2_000;
    while (!/^gone$/m.test(middle.stdout()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(middle.stdout()).toMatch(/^gone$/m);
  });
});
