import type { Pool } from 'pg';
import { toHex } from '../merkle/hasher';
import { TreeProofs } from '../tree/treeProofs';
import { compareWithCheckpoint, maySign, type CheckpointComparison } from './checkpointCheck';
import type { CheckpointStore } from './checkpointStore';
import type { SigningKeyProvider } from './signingKeys';
import { TreeHeadRefusedError, type SigningRefusals } from './signingRefusals';
import { treeHeadSigningBytes, type SignedTreeHead, type TreeHead } from './treeHead';
import { insertTreeHead, orgsDueForHead, stalestLatestHead } from './treeHeadStore';

export interface TreeHeadPublisherOptions {
  pool: Pool;
  keys: SigningKeyProvider;
  /** Injected in tests to sign at chosen times (key rotation). */
  now?: () => Date;
  /**
   * A tree unchanged for this long is signed again (default 15 minutes), so that a head is never
   * older than this while signing works: a stale head then means signing has stopped, never
   * that the org was quiet.
   */
  resignAfterMs?: number;
  /**
   * Where published heads are kept outside the database. With one, every signing is preceded
   * by a check against the org's latest published head, and every signed head is kept there.
   */
  checkpoints?: CheckpointStore;
  /** Where refusals are counted and logged: one per process (it owns a gauge). */
  refusals?: SigningRefusals;
}

export const DEFAULT_RESIGN_AFTER_MS = 15 * 60_000;

/** Signs and stores tree heads: on demand for one org, or for every org that is due one. */
export class TreeHeadPublisher {
  private readonly trees: TreeProofs;
  private readonly now: () => Date;

  constructor(private readonly options: TreeHeadPublisherOptions) {
    this.trees = new TreeProofs(options.pool);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Compares the org's database tree with its latest published head and records the outcome
   * in the refusals (null without a checkpoint store). Run at start-up for every org the store
   * holds, and before every signing.
   */
  async check(orgId: string): Promise<CheckpointComparison | null> {
    const store = this.options.checkpoints;
    if (!store) return null;
    const comparison = await compareWithCheckpoint(this.trees, orgId, await store.latest(orgId));
    this.options.refusals?.observe(comparison, !maySign(comparison));
    return comparison;
  }

  /** check() for every org with a published head; returns those refused. */
  async checkAll(): Promise<CheckpointComparison[]> {
    const refused: CheckpointComparison[] = [];
    for (const orgId of (await this.options.checkpoints?.orgs()) ?? []) {
      const comparison = await this.check(orgId);
      if (comparison && !maySign(comparison)) refused.push(comparison);
    }
    return refused;
  }

  /**
   * Signs the org's tree as it is now. The size is read first and the root folded from stored
   * nodes at that size; nodes never change, so a concurrent sequencer cannot make them disagree.
   */
  async publish(orgId: string): Promise<SignedTreeHead> {
    const comparison = await this.check(orgId);
    if (comparison && !maySign(comparison)) throw new TreeHeadRefusedError(comparison);
    // Read after the check: the tree only grows, so this size is consistent with it too.
    const treeSize = await this.trees.treeSize(orgId);
    const root = await this.trees.rootHash(orgId, treeSize);
    const at = new Date(this.now().getTime());
    const key = this.options.keys.signingKey(at);
    const head: TreeHead = { orgId, treeSize, rootHash: toHex(root), timestamp: at.toISOString(), keyId: key.keyId };
    const signed = { ...head, signature: toHex(key.sign(treeHeadSigningBytes(head))) };
    await insertTreeHead(this.options.pool, signed);
    await this.options.checkpoints?.record(signed);
    return signed;
  }

  /**
   * Publishes a head for every org whose tree grew since its last head, that has none, or whose
   * last head is `resignAfterMs` old; returns them. An org whose signing is refused is skipped
   * (its refusal is in the gauge and the log), so it never holds up the others.
   */
  async publishDue(): Promise<SignedTreeHead[]> {
    const signedBefore = new Date(this.now().getTime() - (this.options.resignAfterMs ?? DEFAULT_RESIGN_AFTER_MS));
    const heads: SignedTreeHead[] = [];
    for (const orgId of await orgsDueForHead(this.options.pool, signedBefore)) {
      try {
        heads.push(await this.publish(orgId));
      } catch (error) {
        if (!(error instanceof TreeHeadRefusedError)) throw error;
      }
    }
    return heads;
  }

  /** When the stalest org's latest head was signed (see `stalestLatestHead`); null without orgs. */
  stalestLatestHead(): Promise<Date | null> {
    return stalestLatestHead(this.options.pool);
  }
}
