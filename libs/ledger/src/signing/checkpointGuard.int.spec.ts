import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';
import { CollectingReader } from '@ledger/observability/testing';
import { createTestDatabase, TEST_SERVER_URL_VARIABLE, type TestDatabase } from '@ledger/postgres';
import { LocalKeyProvider } from '../crypto/keyProvider';
import { Ledger } from '../ledger';
import { createPool, LEDGER_WRITER_ROLE } from '../pool';
import { migrate } from '../schema/migrate';
import { eraseWithCertificate } from '../erasure/eraseWithCertificate';
import { collect } from '../testing/ledgerTestContext';
import { DirectoryCheckpointStore } from './checkpointStore';
import { Ed25519KeyRing } from './ed25519KeyRing';
import { FORK_DECLARATION_STREAM, FORK_DECLARED_EVENT, declareFork } from './forkDeclaration';
import { SIGNING_REFUSED_METRIC, SigningRefusals, TreeHeadRefusedError, type RefusalLog } from './signingRefusals';
import { TreeHeadPublisher } from './treeHeadPublisher';
import { readTreeHeads } from './treeHeadStore';

/*
 * A restore is imitated faithfully: the database is copied with CREATE DATABASE … TEMPLATE at a
 * point in its history (every connection to it closed, as a base backup would see it), and the
 * copy is later opened in its place, while the checkpoint folder stays as the original left it.
 */

const keyProvider = new LocalKeyProvider({ test: randomBytes(32) });
const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);

interface Opened {
  writer: Pool;
  ledger: Ledger;
  close(): Promise<void>;
}

function open(url: string): Opened {
  const writer = createPool({ connectionString: url, max: 4, role: LEDGER_WRITER_ROLE });
  const ledger = new Ledger({ pool: writer, keyProvider, runSequencer: false });
  return {
    writer,
    ledger,
    async close() {
      await ledger.close();
      await writer.end();
    },
  };
}

async function append(ledger: Ledger, orgId: string, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    await ledger.append({
      orgId,
      streamId: 'audit-1',
      expectedRevision: 'any',
      events: [{ type: 'Checked', data: { tag, i }, metadata: { actor: 'user-1' } }],
    });
  }
  await ledger.sequencer.drain();
}

async function serverQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env[TEST_SERVER_URL_VARIABLE] });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A copy of the database as it is now: what a backup taken now restores. */
async function snapshot(source: TestDatabase, suffix: string, copies: string[]): Promise<string> {
  const name = `${source.name}_${suffix}`;
  copies.push(name);
  await serverQuery(`CREATE DATABASE "${name}" TEMPLATE "${source.name}"`);
  return new URL(`/${name}`, source.url).toString();
}

function recordingLog(): RefusalLog & { lines: Array<{ level: string; fields: object; message: string }> } {
  const lines: Array<{ level: string; fields: object; message: string }> = [];
  return {
    lines,
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
  };
}

describe('the published-head checkpoint guard across restores', () => {
  let source: TestDatabase;
  let work: string;
  let published: string;
  /** Restorable copies: before the heads were published, and after. */
  let beforeHead: string;
  let afterHead: string;
  const copies: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'checkpoint-guard-'));
    published = join(work, 'published');
    source = await createTestDatabase('ledger');
    await migrate(source.url);
    let db = open(source.url);
    await append(db.ledger, 'org-a', 2, 'first');
    await append(db.ledger, 'org-b', 3, 'first');
    await db.close();
    beforeHead = await snapshot(source, 'early', copies);

    db = open(source.url);
    await append(db.ledger, 'org-a', 1, 'second');
    const publisher = new TreeHeadPublisher({
      pool: db.writer,
      keys,
      checkpoints: new DirectoryCheckpointStore(published),
    });
    await publisher.publish('org-a');
    await publisher.publish('org-b');
    await append(db.ledger, 'org-a', 1, 'third');
    await db.close();
    afterHead = await snapshot(source, 'late', copies);
  });

  afterAll(async () => {
    for (const name of copies) await serverQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await source.drop();
    await rm(work, { recursive: true, force: true });
  });

  /** The checkpoint folder as the original left it, for one restore drill. */
  async function storeCopy(name: string): Promise<DirectoryCheckpointStore> {
    const dir = join(work, name);
    await cp(published, dir, { recursive: true });
    return new DirectoryCheckpointStore(dir);
  }

  it('kept the published heads outside the database as signed', async () => {
    const store = new DirectoryCheckpointStore(published);
    expect(await store.orgs()).toEqual(['org-a', 'org-b']);
    expect((await store.latest('org-a'))?.treeSize).toBe(3);
    const db = open(source.url);
    try {
      expect(await readTreeHeads(db.writer, 'org-a')).toEqual([await store.latest('org-a')]);
    } finally {
      await db.close();
    }
  });

  it('a restore to after the published heads signs on: start-up finds nothing to refuse', async () => {
    const checkpoints = await storeCopy('after');
    const reader = new CollectingReader();
    const refusals = new SigningRefusals(recordingLog(), reader.meter());
    const db = open(afterHead);
    try {
      const publisher = new TreeHeadPublisher({ pool: db.writer, keys, checkpoints, refusals });
      expect(await publisher.checkAll()).toEqual([]);
      await append(db.ledger, 'org-a', 1, 'after-restore');
      const heads = await publisher.publishDue();
      expect(heads.map((h) => `${h.orgId}@${h.treeSize}`)).toEqual(['org-a@5']);
      expect((await checkpoints.latest('org-a'))?.treeSize).toBe(5);
      expect(await reader.points(SIGNING_REFUSED_METRIC)).toEqual([{ attributes: {}, value: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('a restore to before a published head refuses that org at start-up and before signing; others sign; a declared fork resumes it', async () => {
    const checkpoints = await storeCopy('before');
    const reader = new CollectingReader();
    const log = recordingLog();
    const refusals = new SigningRefusals(log, reader.meter());
    const db = open(beforeHead);
    try {
      const publisher = new TreeHeadPublisher({ pool: db.writer, keys, checkpoints, refusals });
      expect(await reader.points(SIGNING_REFUSED_METRIC)).toEqual([{ attributes: {}, value: 0 }]);

      // Start-up: org-a's database holds 2 of the 3 published leaves.
      const refused = await publisher.checkAll();
      expect(refused.map((c) => [c.orgId, c.status, c.treeSize, c.published?.treeSize])).toEqual([
        ['org-a', 'behind', 2, 3],
      ]);
      expect(await reader.points(SIGNING_REFUSED_METRIC)).toEqual([{ attributes: {}, value: 1 }]);
      expect(log.lines).toEqual([
        {
          level: 'warn',
          fields: { orgId: 'org-a', status: 'behind', treeSize: 2, publishedTreeSize: 3 },
          message: 'tree head signing refused: the database contradicts the published head',
        },
      ]);

      // New appends after the restore: leaf 3 differs from the published one, so a fork.
      await append(db.ledger, 'org-a', 2, 'after-restore');
      await append(db.ledger, 'org-b', 1, 'after-restore');
      await expect(publisher.publish('org-a')).rejects.toMatchObject({
        code: 'LEDGER.TREE_HEAD_REFUSED',
        details: { orgId: 'org-a', status: 'fork', treeSize: 4, publishedTreeSize: 3 },
      });
      await expect(publisher.publish('org-a')).rejects.toBeInstanceOf(TreeHeadRefusedError);
      const due = await publisher.publishDue();
      expect(due.map((h) => `${h.orgId}@${h.treeSize}`)).toEqual(['org-b@4']);
      expect(await readTreeHeads(db.writer, 'org-a')).toEqual([]);
      expect((await checkpoints.latest('org-a'))?.treeSize).toBe(3);
      expect((await checkpoints.latest('org-b'))?.treeSize).toBe(4);
      // Logged once when the refusal started, not on every refused attempt.
      expect(log.lines).toHaveLength(1);
      expect(JSON.stringify(log.lines)).not.toContain('after-restore');

      // The declaration is refused where there is no fork.
      await expect(
        declareFork({ pool: db.writer, ledger: db.ledger, checkpoints, orgId: 'org-b', reason: 'x', actor: 'op-1' }),
      ).rejects.toMatchObject({ code: 'LEDGER.INVALID_INPUT', field: 'orgId' });

      const declared = await declareFork({
        pool: db.writer,
        ledger: db.ledger,
        checkpoints,
        orgId: 'org-a',
        reason: 'restored from the nightly backup; events after it are lost',
        actor: 'op-1',
      });
      await db.ledger.sequencer.drain();
      expect(declared.retired.head.treeSize).toBe(3);
      expect(await checkpoints.history('org-a')).toEqual([declared.retired]);
      const events = await collect(db.ledger.readStream('org-a', FORK_DECLARATION_STREAM, { personal: 'decrypt' }));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        eventId: declared.eventId,
        type: FORK_DECLARED_EVENT,
        data: {
          status: 'fork',
          treeSize: 4,
          publishedHead: { treeSize: 3, rootHash: declared.retired.head.rootHash, keyId: 'k1' },
        },
        personal: { reason: 'restored from the nightly backup; events after it are lost' },
        metadata: { actor: 'op-1' },
      });

      const head = await publisher.publish('org-a');
      expect(head.treeSize).toBe(5);
      expect(await checkpoints.latest('org-a')).toEqual(head);
      expect(await reader.points(SIGNING_REFUSED_METRIC)).toEqual([{ attributes: {}, value: 0 }]);
      expect(log.lines.map((line) => line.level)).toEqual(['warn', 'info']);
    } finally {
      await db.close();
    }
  });

  it('an erasure on a refused org signs nothing and destroys no key', async () => {
    // The restored copy of the previous case, against the heads as originally published.
    const checkpoints = await storeCopy('erasure');
    const db = open(beforeHead);
    try {
      const publisher = new TreeHeadPublisher({ pool: db.writer, keys, checkpoints });
      const destroyed: string[][] = [];
      await expect(
        eraseWithCertificate({
          pool: db.writer,
          keys,
          publisher,
          orgId: 'org-a',
          requestId: 'req-1',
          entityId: 'client-1',
          streamIds: ['audit-1'],
          destroy: (_orgId, streamIds) => {
            destroyed.push([...streamIds]);
            return Promise.reject(new Error('no key may be destroyed'));
          },
        }),
      ).rejects.toMatchObject({ code: 'LEDGER.TREE_HEAD_REFUSED', details: { status: 'fork' } });
      expect(destroyed).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
