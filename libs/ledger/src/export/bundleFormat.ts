/**
 * The audit bundle: a directory an examiner verifies offline (contracts/audit-export.md).
 * Every file but the manifest's signature is listed, with its SHA-256, in the signed manifest.
 */
export const BUNDLE_FORMAT = 'ledger-audit-bundle/1';

export const BUNDLE_FILES = {
  /** One event per line: exactly its canonical RFC 8785 bytes, in org_seq order from range.start. */
  events: 'events.jsonl',
  /** One lower-case hex leaf hash per line, for the event on the same line of events.jsonl. */
  leaves: 'leaves.txt',
  /** The signed tree head the events are proved against. */
  treeHead: 'tree-head.json',
  /** Every public key of the ledger, retired ones included. */
  publicKeys: 'public-keys.json',
  /** Left edge of the range and the consistency proof from range.end to the head's size. */
  rangeProof: 'range-proof.json',
  /** Consistency proofs from earlier signed sizes to this head, for comparing with older bundles. */
  consistency: 'consistency.json',
  /** The events of the range whose sealed personal part was crypto-shredded: it can no longer be opened. */
  erased: 'erased.json',
  manifest: 'manifest.json',
  manifestSignature: 'manifest.sig.json',
} as const;

export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly orgId: string;
  /** The events [start, end) by org_seq. */
  readonly range: { readonly start: number; readonly end: number };
  readonly treeSize: number;
  readonly createdAt: string;
  readonly files: readonly ManifestFile[];
}

export interface RangeProofFile {
  readonly start: number;
  readonly end: number;
  readonly treeSize: number;
  /** Hex hashes of the complete subtrees covering [0, start), largest first. */
  readonly leftEdge: readonly string[];
  /** Hex RFC 6962 PROOF(end, D[treeSize]). */
  readonly consistency: readonly string[];
}

/** An entry of erased.json: the event at orgSeq belongs to a shredded stream and had a personal part. */
export interface ErasedEntry {
  readonly orgSeq: number;
  readonly streamId: string;
  readonly personal: 'shredded';
}

export interface ConsistencyEntry {
  readonly fromSize: number;
  readonly fromRoot: string;
  readonly proof: readonly string[];
}
