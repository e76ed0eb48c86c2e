import { randomUUID } from 'node:crypto';
import { leafHash } from '../merkle/hasher';
import { MemoryHashStore } from '../merkle/memoryHashStore';
import { computeStoredHashes } from '../merkle/storedHashes';
import {
  CONSISTENCY_VECTORS,
  INCLUSION_VECTORS,
  VECTOR_LEAVES,
  VECTOR_ROOTS,
  fromHex,
} from '../merkle/testing/referenceVectors';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { TILE_WIDTH } from './tileLayout';
import { rfcRootOfLeafHashes, rfcVerifyConsistency, rfcVerifyInclusion } from './testing/rfcVerifier';
import { TreeProofs } from './treeProofs';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

async function appendEvents(ctx: LedgerTestContext, orgId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await ctx.ledger.append({
      orgId,
      streamId: `audit-${i % 3}`,
      expectedRevision: 'any',
      events: [{ type: 'Checked', data: { i }, metadata: { actor: 'user-1' } }],
    });
  }
}

describe('Merkle trees stored by the sequencer', () => {
  let ctx: LedgerTestContext;
  let proofs: TreeProofs;
  const leaves = new Map<string, Uint8Array[]>();

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    proofs = new TreeProofs(ctx.writer);
    // Batches of different sizes, two orgs interleaved, so trees grow across batches and past
    // full tiles at levels 0 and 1 (16 and 32 leaves).
    for (const count of [1, 2, 5, 9, 20]) {
      await appendEvents(ctx, 'org-a', count);
      await appendEvents(ctx, 'org-b', count + 1);
      await ctx.ledger.sequencer.drain();
    }
    for (const org of ['org-a', 'org-b']) {
      const events = await collect(ctx.ledger.readOrg(org));
      leaves.set(
        org,
        events.map((e) => Buffer.from(e.leafHash, 'hex')),
      );
    }
    // The RFC 6962 example tree as an org of 8 events whose leaf hashes are the RFC's leaves
    // (the canonical text is a stand-in; only the leaf hashes matter to the tree).
    for (const [seq, input] of VECTOR_LEAVES.entries()) {
      const { rows } = await ctx.admin.query<{ position: string }>(
        `INSERT INTO ledger_events (tx_id, org_id, stream_id, stream_revision, event_id, type, schema_version,
                                    actor, recorded_at, canonical, leaf_hash, content_digest)
         VALUES ('1'::xid8, 'org-rfc', 'audit-rfc', $1, $2, 'T', 1, 'a', now(), '{}', $3, '\\x00')
         RETURNING position`,
        [seq, randomUUID(), leafHash(fromHex(input))],
      );
      await ctx.admin.query(
        `INSERT INTO ledger_log (log_seq, org_id, org_seq, position) VALUES (1000000 + $1::bigint, 'org-rfc', $1, $2)`,
        [seq, rows[0].position],
      );
    }
    await ctx.admin.query(`INSERT INTO ledger_org_heads (org_id, next_seq) VALUES ('org-rfc', 8)`);
  });
  afterAll(() => ctx.close());

  it('keeps each org tree equal to the RFC 6962 root over its leaf hashes', async () => {
    for (const org of ['org-a', 'org-b']) {
      const orgLeaves = leaves.get(org)!;
      expect(await proofs.treeSize(org)).toBe(orgLeaves.length);
      for (let size = 0; size <= orgLeaves.length; size++) {
        expect(hex(await proofs.rootHash(org, size))).toBe(hex(rfcRootOfLeafHashes(orgLeaves.slice(0, size))));
      }
    }
  });

  it('stores exactly the full tiles of the complete subtrees, as the in-memory store computes them', async () => {
    const memory = new MemoryHashStore();
    memory.writeHashes(computeStoredHashes(0, leaves.get('org-a')!, []));
    const { rows } = await ctx.admin.query<{ level: number; tile: string; hashes: Buffer }>(
      `SELECT level, tile, hashes FROM ledger_merkle_tiles WHERE org_id = 'org-a' ORDER BY level, tile`,
    );
    const countAt = (level: number) => memory.nodes().filter((m) => m.level === level).length;
    // A tile is stored once all 16 of its nodes exist.
    const tiled = memory.nodes().filter((n) => n.index < Math.floor(countAt(n.level) / TILE_WIDTH) * TILE_WIDTH);
    expect(rows.map((r) => `${r.level}/${r.tile}`)).toEqual(['0/0', '0/1', '1/0']);
    expect(Buffer.concat(rows.map((r) => r.hashes)).toString('hex')).toBe(tiled.map((n) => hex(n.hash)).join(''));
  });

  it('serves inclusion proofs that an independent RFC verifier accepts', async () => {
    const orgLeaves = leaves.get('org-b')!;
    for (let size = 1; size <= orgLeaves.length; size++) {
      const root = rfcRootOfLeafHashes(orgLeaves.slice(0, size));
      for (let seq = 0; seq < size; seq++) {
        const proof = await proofs.inclusionProof('org-b', seq, size);
        expect(hex(proof.leafHash)).toBe(hex(orgLeaves[seq]));
        expect(hex(proof.rootHash)).toBe(hex(root));
        expect(rfcVerifyInclusion(orgLeaves[seq], seq, size, proof.path, root)).toBe(true);
      }
    }
  });

  it('serves consistency proofs that an independent RFC verifier accepts', async () => {
    const orgLeaves = leaves.get('org-a')!;
    for (let n = 1; n <= orgLeaves.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await proofs.consistencyProof('org-a', m, n);
        const root1 = rfcRootOfLeafHashes(orgLeaves.slice(0, m));
        const root2 = rfcRootOfLeafHashes(orgLeaves.slice(0, n));
        expect(rfcVerifyConsistency(m, n, proof.path, root1, root2)).toBe(true);
      }
    }
  });

  it('rejects a proof for a leaf of another position (the verifier is not vacuous)', async () => {
    const orgLeaves = leaves.get('org-b')!;
    const proof = await proofs.inclusionProof('org-b', 3, orgLeaves.length);
    expect(rfcVerifyInclusion(orgLeaves[4], 3, orgLeaves.length, proof.path, proof.rootHash)).toBe(false);
  });

  it('reproduces the RFC 6962 example tree: roots and published proofs', async () => {
    for (let size = 1; size <= 8; size++) {
      expect(hex(await proofs.rootHash('org-rfc', size))).toBe(VECTOR_ROOTS[size - 1]);
    }
    for (const vector of INCLUSION_VECTORS) {
      const proof = await proofs.inclusionProof('org-rfc', vector.index, vector.treeSize);
      expect(proof.path.map(hex)).toEqual(vector.proof);
    }
    for (const vector of CONSISTENCY_VECTORS) {
      const proof = await proofs.consistencyProof('org-rfc', vector.size1, vector.size2);
      expect(proof.path.map(hex)).toEqual(vector.proof);
    }
  });

  it('refuses a tree size the org has not reached', async () => {
    const size = leaves.get('org-a')!.length;
    await expect(proofs.inclusionProof('org-a', 0, size + 1)).rejects.toMatchObject({
      code: 'MERKLE.SIZE_OUT_OF_RANGE',
    });
    await expect(proofs.consistencyProof('org-a', 1, size + 1)).rejects.toMatchObject({
      code: 'MERKLE.SIZE_OUT_OF_RANGE',
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of stored nodes, even from the superuser', async () => {
    await expect(ctx.admin.query(`UPDATE ledger_merkle_tiles SET level = level`)).rejects.toThrow(/append-only/);
    await expect(ctx.admin.query(`DELETE FROM ledger_merkle_tiles`)).rejects.toThrow(/append-only/);
    await expect(ctx.admin.query(`TRUNCATE ledger_merkle_tiles`)).rejects.toThrow(/append-only/);
    await expect(ctx.writer.query(`DELETE FROM ledger_merkle_tiles`)).rejects.toThrow(/permission denied/);
  });
});
