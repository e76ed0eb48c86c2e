import { canonicalJson } from '../events/canonicalEvent';

/** Marks the signed document as a ledger tree head, so no other signed JSON can pass for one. */
export const TREE_HEAD_KIND = 'ledger.tree-head';
export const TREE_HEAD_VERSION = 1;

/** What a tree head commits to: an org's tree of `treeSize` leaves has root `rootHash`. */
export interface TreeHead {
  readonly orgId: string;
  readonly treeSize: number;
  /** Lower-case hex RFC 6962 root of the org's first treeSize leaves. */
  readonly rootHash: string;
  /** When it was signed: ISO 8601 UTC with milliseconds, as Date.toISOString() writes it. */
  readonly timestamp: string;
  readonly keyId: string;
}

export interface SignedTreeHead extends TreeHead {
  /** Lower-case hex Ed25519 signature (64 bytes) over treeHeadSigningBytes(head). */
  readonly signature: string;
}

/**
 * The exact bytes signed: UTF-8 of the RFC 8785 canonical JSON of
 * {keyId, kind: "ledger.tree-head", orgId, rootHash, timestamp, treeSize, v: 1}
 * (see TREE_HEADS.md). Signing the key id too binds the head to the key it claims.
 */
export function treeHeadSigningBytes(head: TreeHead): Buffer {
  return Buffer.from(
    canonicalJson({
      keyId: head.keyId,
      kind: TREE_HEAD_KIND,
      orgId: head.orgId,
      rootHash: head.rootHash,
      timestamp: head.timestamp,
      treeSize: head.treeSize,
      v: TREE_HEAD_VERSION,
    }),
    'utf8',
  );
}
