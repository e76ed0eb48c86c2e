import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

export async function readText(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, name));
  } catch {
    throw new BundleProblem(`${name} is missing`);
  }
}

export async function readJson<T>(dir: string, name: string): Promise<T> {
  const text = await readText(dir, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString('utf8'));
  } catch {
    throw new BundleProblem(`${name} is not valid JSON`);
  }
  // Every file of the format is an object or an array; a bare value would break the checks below.
  if (typeof parsed !== 'object' || parsed === null) throw new BundleProblem(`${name} is not a JSON object or array`);
  return parsed as T;
}

export interface LoadedBundle {
  dir: string;
  manifestBytes: Buffer;
  manifest: Manifest;
  signature: { keyId: string; signature: string };
  head: TreeHead;
  keys: PublicKey[];
}

export async function loadBundle(dir: string, trustedKeys?: PublicKey[]): Promise<LoadedBundle> {
  const manifestBytes = await readText(dir, FILES.manifest);
  const manifest = await readJson<Manifest>(dir, FILES.manifest);
  if (manifest.format !== FORMAT) throw new BundleProblem(`unknown bundle format ${String(manifest.format)}`);
  const signature = await readJson<LoadedBundle['signature']>(dir, FILES.manifestSignature);
  const head = await readJson<TreeHead>(dir, FILES.treeHead);
  const keys = trustedKeys ?? (await readJson<PublicKey[]>(dir, FILES.publicKeys));
  if (!Array.isArray(keys)) throw new BundleProblem(`${FILES.publicKeys} is not a list of keys`);
  return { dir, manifestBytes, manifest, signature, head, keys };
}
