import type { Pool } from 'pg';
import { toHex } from '../merkle/hasher';
import { TreeProofs } from '../tree/treeProofs';
import type { SigningKeyProvider } from './signingKeys';
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
   * Signs the org's tree as it is now. The size is read first and the root folded from stored
   * nodes at that size; nodes never change, so a concurrent sequencer cannot make them disagree.
   */
  async publish(orgId: string): Promise<SignedTreeHead> {
    const treeSize = await this.trees.treeSize(orgId);
    const root = await this.trees.rootHash(orgId, treeSize);
    const at = new Date(this.now().getTime());
    const key = this.options.keys.signingKey(at);
    const head: TreeHead = { orgId, treeSize, rootHash: toHex(root), timestamp: at.toISOString(), keyId: key.keyId };
    const signed = { ...head, signature: toHex(key.sign(treeHeadSigningBytes(head))) };
    await insertTreeHead(this.options.pool, signed);
    return signed;
  }

  /**
   * Publishes a head for every org whose tree grew since its last head, that has none, or whose
   * last head is `resignAfterMs` old; returns them.
   */
  async publishDue(): Promise<SignedTreeHead[]> {
    const signedBefore = new Date(this.now().getTime() - (this.options.resignAfterMs ?? DEFAULT_RESIGN_AFTER_MS));
    const heads: SignedTreeHead[] = [];
    for (const orgId of await orgsDueForHead(this.options.pool, signedBefore)) heads.push(await this.publish(orgId));
    return heads;
  }

  /** When the stalest org's latest head was signed (see `stalestLatestHead`); null without orgs. */
  stalestLatestHead(): Promise<Date | null> {
    return stalestLatestHead(this.options.pool);
  }
}
