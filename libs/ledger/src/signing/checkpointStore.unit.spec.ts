import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryCheckpointStore } from './checkpointStore';
import type { SignedTreeHead } from './treeHead';

function head(orgId: string, treeSize: number): SignedTreeHead {
  return {
    orgId,
    treeSize,
    rootHash: treeSize.toString(16).padStart(64, '0'),
    timestamp: '2026-03-01T00:00:00.000Z',
    keyId: 'k1',
    signature: 'ab'.repeat(64),
  };
}

describe('DirectoryCheckpointStore', () => {
  let dir: string;
  let store: DirectoryCheckpointStore;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'checkpoints-')), 'nested');
    store = new DirectoryCheckpointStore(dir);
  });
  afterEach(() => rm(join(dir, '..'), { recursive: true, force: true }));

  it('keeps the latest head per org as the published JSON, creating its folder, and leaves no temporary file', async () => {
    expect(await store.latest('org-1')).toBeNull();
    await store.record(head('org-1', 3));
    await store.record(head('org-1', 5));
    await store.record(head('org/2', 1));
    expect(await store.latest('org-1')).toEqual(head('org-1', 5));
    expect(JSON.parse(await readFile(join(dir, 'org-1.json'), 'utf8'))).toEqual(head('org-1', 5));
    expect((await readdir(dir)).sort()).toEqual(['org%2F2.json', 'org-1.json']);
    expect(await store.orgs()).toEqual(['org-1', 'org/2']);
  });

  it('never replaces a head with a smaller one (two publishers racing)', async () => {
    await store.record(head('org-1', 5));
    await store.record(head('org-1', 4));
    expect((await store.latest('org-1'))?.treeSize).toBe(5);
  });

  it('retires the latest head to the history, oldest first', async () => {
    expect(await store.retire('org-1', { retiredAt: 't0', declarationEventId: 'e0', treeSize: 0 })).toBeNull();
    await store.record(head('org-1', 5));
    await store.retire('org-1', { retiredAt: 't1', declarationEventId: 'e1', treeSize: 2 });
    await store.record(head('org-1', 3));
    await store.retire('org-1', { retiredAt: 't2', declarationEventId: 'e2', treeSize: 1 });
    expect(await store.latest('org-1')).toBeNull();
    expect(await store.orgs()).toEqual([]);
    expect(await store.history('org-1')).toEqual([
      { head: head('org-1', 5), retiredAt: 't1', declarationEventId: 'e1', treeSize: 2 },
      { head: head('org-1', 3), retiredAt: 't2', declarationEventId: 'e2', treeSize: 1 },
    ]);
  });

  it('reads an absent folder as holding nothing', async () => {
    expect(await store.orgs()).toEqual([]);
    expect(await store.history('org-1')).toEqual([]);
  });
});
