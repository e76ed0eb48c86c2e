import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DirectoryCheckpointStore,
  Ed25519KeyRing,
  FORK_DECLARATION_STREAM,
  FORK_DECLARED_EVENT,
  TreeHeadPublisher,
  type Ledger,
} from '@ledger/ledger';
import { collect, createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { buildProgram } from '../program';
import { linesOf, runLedger } from '../testing/runLedger';

/** Runs `ledger …` in process; its stdout lines parsed as JSON, and what it threw. */
async function ledger(...args: string[]): Promise<{ lines: Record<string, unknown>[]; error: unknown }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  let error: unknown = null;
  try {
    await buildProgram().parseAsync(['node', 'ledger', ...args]);
  } catch (thrown) {
    error = thrown;
  } finally {
    spy.mockRestore();
  }
  return { lines: linesOf(chunks.join('')).map((line) => JSON.parse(line) as Record<string, unknown>), error };
}

async function append(store: Ledger, orgId: string, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.append({
      orgId,
      streamId: 'audit-1',
      expectedRevision: 'any',
      events: [{ type: 'Checked', data: { tag, i }, metadata: { actor: 'user-1' } }],
    });
  }
  await store.sequencer.drain();
}

/*
 * The published heads come from one database, the one checked is another: org-a there holds
 * fewer, then other, leaves than were published (a restore to before the head, then appends),
 * while org-b's head was published from the checked database itself.
 */
describe('ledger checkpoint', () => {
  let published: LedgerTestContext;
  let restored: LedgerTestContext;
  let dir: string;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  const masterKeys = `cli:${randomBytes(32).toString('base64')}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'checkpoint-cli-'));
    const checkpoints = new DirectoryCheckpointStore(dir);
    [published, restored] = await Promise.all([
      createLedgerTestContext({ runSequencer: false }),
      createLedgerTestContext({ runSequencer: false }),
    ]);
    await append(published.ledger, 'org-a', 3, 'original');
    await new TreeHeadPublisher({ pool: published.writer, keys, checkpoints }).publish('org-a');
    await append(restored.ledger, 'org-a', 2, 'restored');
    await append(restored.ledger, 'org-b', 2, 'restored');
    await new TreeHeadPublisher({ pool: restored.writer, keys, checkpoints }).publish('org-b');
    process.env.DATABASE_URL = restored.database.url;
    process.env.LEDGER_CHECKPOINT_DIR = dir;
    process.env.LEDGER_MASTER_KEYS = masterKeys;
  });

  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env.LEDGER_CHECKPOINT_DIR;
    delete process.env.LEDGER_MASTER_KEYS;
    await Promise.all([published.close(), restored.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('status compares every published org with the database and fails while one is refused', async () => {
    const { lines, error } = await ledger('checkpoint', 'status', '--json');
    const head = await new DirectoryCheckpointStore(dir).latest('org-a');
    expect(lines).toEqual([
      expect.objectContaining({
        orgId: 'org-a',
        status: 'behind',
        signing: 'refused',
        treeSize: 2,
        publishedTreeSize: 3,
        publishedRootHash: head?.rootHash,
      }),
      expect.objectContaining({ orgId: 'org-b', status: 'consistent', signing: 'allowed', treeSize: 2 }),
    ]);
    expect(error).toMatchObject({ code: 'LEDGER.TREE_HEAD_REFUSED' });
  });

  it('declare-fork is refused for an org without a fork, then recorded for the forked one', async () => {
    await append(restored.ledger, 'org-a', 2, 'after-restore');
    const forked = await ledger('checkpoint', 'status', '--org', 'org-a', '--json');
    expect(forked.lines).toEqual([expect.objectContaining({ status: 'fork', treeSize: 4, publishedTreeSize: 3 })]);

    const none = await ledger('checkpoint', 'declare-fork', '--org', 'org-b', '--reason', 'INC-1', '--json');
    expect(none.error).toMatchObject({ code: 'LEDGER.INVALID_INPUT' });

    const declared = await ledger(
      'checkpoint',
      'declare-fork',
      '--org',
      'org-a',
      '--reason',
      'INC-7 restore from backup',
      '--actor',
      'op-1',
      '--json',
    );
    expect(declared.error).toBeNull();
    expect(declared.lines).toEqual([
      expect.objectContaining({ type: 'fork_declared', orgId: 'org-a', status: 'fork', retiredTreeSize: 3 }),
    ]);
    const events = await collect(restored.ledger.readStream('org-a', FORK_DECLARATION_STREAM));
    expect(events.map((e) => [e.eventId, e.type, e.metadata.actor])).toEqual([
      [declared.lines[0].eventId, FORK_DECLARED_EVENT, 'op-1'],
    ]);
    expect(await new DirectoryCheckpointStore(dir).history('org-a')).toHaveLength(1);

    const after = await ledger('checkpoint', 'status', '--json');
    expect(after.error).toBeNull();
    expect(after.lines.map((line) => [line.orgId, line.signing])).toEqual([['org-b', 'allowed']]);
    const resumed = await ledger('checkpoint', 'status', '--org', 'org-a', '--json');
    expect(resumed.lines).toEqual([expect.objectContaining({ status: 'unpublished', signing: 'allowed' })]);
  });

  it('exits 1 from the real command line while an org is refused, 2 without a checkpoint folder', async () => {
    const env = { DATABASE_URL: restored.database.url };
    const refusedDir = await mkdtemp(join(tmpdir(), 'checkpoint-cli-refused-'));
    try {
      // An org the restored database has no event of: everything published is missing from it.
      await append(published.ledger, 'org-c', 5, 'original');
      const checkpoints = new DirectoryCheckpointStore(refusedDir);
      await new TreeHeadPublisher({ pool: published.writer, keys, checkpoints }).publish('org-c');
      const refused = await runLedger(['checkpoint', 'status', '--dir', refusedDir], env);
      expect(refused.code).toBe(1);
      expect(linesOf(refused.stdout).map((line) => JSON.parse(line) as unknown)).toEqual([
        expect.objectContaining({
          orgId: 'org-c',
          status: 'behind',
          signing: 'refused',
          treeSize: 0,
          publishedTreeSize: 5,
        }),
      ]);
      expect(refused.stderr).toContain('LEDGER.TREE_HEAD_REFUSED');
      const noDir = await runLedger(['checkpoint', 'status'], env);
      expect(noDir.code).toBe(2);
      expect(noDir.stderr).toContain('LEDGER_CHECKPOINT_DIR');
    } finally {
      await rm(refusedDir, { recursive: true, force: true });
    }
  });
});
