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
import { insertOrgNodes } from './merkleNodes';
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
    // Several batches of different sizes, two orgs interleaved, so trees grow across batches.
    for (const count of [1, 2, 5, 9]) {
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
    // The RFC 6962 example tree, stored as the sequencer would store it, under its own org.
    const nodes = computeStoredHashes(
      0,
      VECTOR_LEAVES.map((leaf) => leafHash(fromHex(leaf))),
      [],
    );
    await insertOrgNodes(
      ctx.admin,
      nodes.map((n) => ({ ...n, orgId: 'org-rfc' })),
    );
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

  it('stores exactly the complete subtrees, as the in-memory store does', async () => {
    const memory = new MemoryHashStore();
    memory.writeHashes(computeStoredHashes(0, leaves.get('org-a')!, []));
    const { rows } = await ctx.admin.query<{ level: number; index: string; hash: Buffer }>(
      `SELECT level, index, hash FROM ledger_merkle_nodes WHERE org_id = 'org-a' ORDER BY level, index`,
    );
    expect(rows.map((r) => `${r.level}/${r.index}/${hex(r.hash)}`)).toEqual(
      memory.nodes().map((n) => `${n.level}/${n.index}/${hex(n.hash)}`),
    );
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
    await expect(ctx.admin.query(`UPDATE ledger_merkle_nodes SET level = level`)).rejects.toThrow(/append-only/);
    await expect(ctx.admin.query(`DELETE FROM ledger_merkle_nodes`)).rejects.toThrow(/append-only/);
    await expect(ctx.admin.query(`TRUNCATE ledger_merkle_nodes`)).rejects.toThrow(/append-only/);
    await expect(ctx.writer.query(`DELETE FROM ledger_merkle_nodes`)).rejects.toThrow(/permission denied/);
  });
});
