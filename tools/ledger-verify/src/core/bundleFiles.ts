import { utf8Text } from './bytes';
import type { BundleReader } from './platform';
import type { PublicKey, TreeHead } from './signatures';

/** File names and shapes of a bundle, as contracts/audit-export.md defines them. */
export const FILES = {
  events: 'events.jsonl',
  leaves: 'leaves.txt',
  treeHead: 'tree-head.json',
  publicKeys: 'public-keys.json',
  rangeProof: 'range-proof.json',
  consistency: 'consistency.json',
  erased: 'erased.json',
  manifest: 'manifest.json',
  manifestSignature: 'manifest.sig.json',
} as const;

export const FORMAT = 'ledger-audit-bundle/1';

export interface Manifest {
  format: string;
  orgId: string;
  range: { start: number; end: number };
  treeSize: number;
  createdAt: string;
  files: { path: string; sha256: string; bytes: number }[];
}

export interface RangeProof {
  start: number;
  end: number;
  treeSize: number;
  leftEdge: string[];
  consistency: string[];
}

export interface ConsistencyEntry {
  fromSize: number;
  fromRoot: string;
  proof: string[];
}

/** A verification failure: the message names the first problem found. */
export class BundleProblem extends Error {}

export async function readText(reader: BundleReader, name: string): Promise<Uint8Array> {
  const bytes = await reader.read(name);
  if (bytes === null) throw new BundleProblem(`${name} is missing`);
  return bytes;
}

export async function readJson<T>(reader: BundleReader, name: string): Promise<T> {
  const text = await readText(reader, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Text(text));
  } catch {
    throw new BundleProblem(`${name} is not valid JSON`);
  }
  // Every file of the format is an object or an array; a bare value would break the checks below.
  if (typeof parsed !== 'object' || parsed === null) throw new BundleProblem(`${name} is not a JSON object or array`);
  return parsed as T;
}

export interface LoadedBundle {
  reader: BundleReader;
  manifestBytes: Uint8Array;
  manifest: Manifest;
  signature: { keyId: string; signature: string };
  head: TreeHead;
  keys: PublicKey[];
}

export async function loadBundle(reader: BundleReader, trustedKeys?: PublicKey[]): Promise<LoadedBundle> {
  const manifestBytes = await readText(reader, FILES.manifest);
  const manifest = await readJson<Manifest>(reader, FILES.manifest);
  if (manifest.format !== FORMAT) throw new BundleProblem(`unknown bundle format ${String(manifest.format)}`);
  const signature = await readJson<LoadedBundle['signature']>(reader, FILES.manifestSignature);
  const head = await readJson<TreeHead>(reader, FILES.treeHead);
  const keys = trustedKeys ?? (await readJson<PublicKey[]>(reader, FILES.publicKeys));
  if (!Array.isArray(keys)) throw new BundleProblem(`${FILES.publicKeys} is not a list of keys`);
  return { reader, manifestBytes, manifest, signature, head, keys };
}
