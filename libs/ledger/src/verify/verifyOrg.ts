import type { Meter } from '@opentelemetry/api';
import type { Pool } from 'pg';
import { inSpan } from '@ledger/observability';
import type { PublicSigningKey } from '../signing/signingKeys';
import type { SignedTreeHead } from '../signing/treeHead';
import { readTreeHeads } from '../signing/treeHeadStore';
import { checkTreeHeadSignature } from '../signing/verifyTreeHead';
import { looseStart } from '../tree/tileLayout';
import { Preimage } from '../merkle/sha256';
import { CanonicalColumns } from './canonicalColumns';
import type { ChunkCheck } from './chunkCheck';
import { checkOrgChunk, planOrgChunk, type CheckTools } from './orgChunks';
import { readTreeLeaves, recordedTreeSize, rowsBeyondTree } from './orgRows';
import { RowScan } from './rowScan';
import { alignWithTree } from './treeAlignment';
import { countFailures } from './verificationMetrics';
import type { VerificationFinding, VerificationProgress, VerificationReport } from './verificationReport';

export interface VerifyOrgOptions {
  pool: Pool;
  orgId: string;
  /** The trusted public keys: from configuration, never from the database being verified. */
  publicKeys: readonly PublicSigningKey[];
  /** Rows (org_seq values) read per chunk; progress is reported after each. */
  batchSize?: number;
  /** Findings kept in the report (and rows kept for alignment); the rest are counted as truncated. */
  maxFindings?: number;
  onProgress?: (progress: VerificationProgress) => void;
  meter?: Meter;
}

/**
 * Verifies one org end to end: every row re-hashed from its stored canonical text and checked
 * against its leaf hash, its typed columns and the leaf its Merkle tree holds; every signed tree
 * head checked for its signature and against the root recomputed from the rows. Streams the rows
 * of the tree as it was when verification started, in org_seq order a chunk at a time, the next
 * chunks read and checked while the current one is folded; a chunk keeps only its rows' leaves.
 * Each finding also counts in ledger_verification_failures_total.
 */
export async function verifyOrg(options: VerifyOrgOptions): Promise<VerificationReport> {
  return inSpan('@ledger/ledger', 'ledger.verify', { 'ledger.org_id': options.orgId }, async (span) => {
    const report = await verifyOrgInSpan(options);
    span.setAttributes({
      'ledger.events': report.events,
      'ledger.verify.tree_heads': report.treeHeads,
      'ledger.verify.findings': report.findings.length,
      'ledger.verify.ok': report.ok,
    });
    return report;
  });
}

async function verifyOrgInSpan(options: VerifyOrgOptions): Promise<VerificationReport> {
  const { pool, orgId } = options;
  const limit = options.maxFindings ?? 1000;
  // Heads first: every head read is then no larger than the tree size read after it.
  const heads = await readTreeHeads(pool, orgId);
  const total = await recordedTreeSize(pool, orgId);
  const scan = new RowScan(
    heads.map((head) => head.treeSize),
    limit,
  );
  const tools = { columns: new CanonicalColumns(orgId), preimage: new Preimage(64 * 1024) };
  for await (const chunk of readChunks(pool, orgId, total, options.batchSize ?? DEFAULT_CHUNK, tools)) {
    chunk.feed(scan);
    options.onProgress?.({ orgId, verified: scan.count, total });
  }
  const rowFindings = [...scan.findings, ...(await tailFindings(pool, orgId, scan, total, limit))];
  const witnessed = looseStart(total, 0);
  const headFindings = checkHeads(heads, scan.roots, rowFindings, options.publicKeys, witnessed);
  const all = [...rowFindings.sort(bySeq), ...headFindings];
  const findings = all.slice(0, limit);
  countFailures(findings, options.meter);
  return {
    orgId,
    ok: findings.length === 0 && !scan.truncated,
    events: scan.count,
    treeHeads: heads.length,
    findings,
    truncated: scan.truncated || all.length > limit,
  };
}

/** Rows per chunk: enough that per-statement costs vanish; a chunk in memory is about 1 MB of leaves. */
const DEFAULT_CHUNK = 16_384;

/** Chunks read and checked at once: while one stream waits for the server, the other is checked. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * The org's checked chunks of org_seq in [0, total), in order. Each chunk is read on its own
 * connections (its log and leaf tiles, then its events), and CHUNKS_IN_FLIGHT of them at once, so
 * that the checking never waits for the server to produce the next rows.
 */
async function* readChunks(
  pool: Pool,
  orgId: string,
  total: number,
  size: number,
  tools: CheckTools,
): AsyncGenerator<ChunkCheck> {
  const inFlight: Promise<ChunkCheck>[] = [];
  let next = 0;
  const start = () => {
    if (next >= total) return;
    const from = next;
    next += size;
    const check = planOrgChunk(pool, orgId, from, Math.min(total, from + size)).then((plan) =>
      checkOrgChunk(pool, plan, tools),
    );
    // Awaited in order below; the guard only keeps a later chunk's failure from going unhandled
    // while an earlier one is awaited.
    check.catch(() => undefined);
    inFlight.push(check);
  };
  for (let i = 0; i < CHUNKS_IN_FLIGHT; i++) start();
  try {
    while (inFlight.length > 0) {
      const check = await inFlight.shift()!;
      start();
      yield check;
    }
  } finally {
    // Stopped early (a failure while checking): let the reads in flight finish before returning.
    await Promise.allSettled(inFlight);
  }
}

/**
 * Explains the rows that disagree with the tree's leaf copies (see alignWithTree), then reports
 * the tree's leaves that have no row after the last one, and rows past the tree's current size,
 * unless a renumbering already explains both.
 */
async function tailFindings(
  pool: Pool,
  orgId: string,
  scan: RowScan,
  total: number,
  limit: number,
): Promise<VerificationFinding[]> {
  const tailEnd = Math.min(total, scan.nextSeq + limit);
  const alignment = alignWithTree(scan.mismatches, await readTreeLeaves(pool, orgId, scan.nextSeq, tailEnd));
  const findings = [...alignment.findings];
  if (alignment.shifted) return findings;
  for (let seq = scan.nextSeq; seq < tailEnd; seq++) {
    findings.push({ kind: 'removed', orgSeq: seq, reason: 'missing_tail_row' });
  }
  // Events sequenced while this ran are in the tree by now (the sequencer writes both in one
  // transaction); a row past the tree's current size has no leaf in it.
  for (const seq of await rowsBeyondTree(pool, orgId, limit)) {
    findings.push({ kind: 'inserted', orgSeq: seq, reason: 'no_leaf_in_tree' });
  }
  return findings;
}

/**
 * A head with a bad signature is forged. A genuine head whose root differs from the recomputed
 * one is explained by a row finding below its size if there is one. Otherwise, if every row it
 * covers was checked against the tree's own leaf copies (`witnessed` rows), the head itself is
 * wrong (signed over something the rows never were); if it covers the latest rows, which have no
 * copy yet, the change cannot be located: `root_mismatch` with reason `unlocated`.
 */
function checkHeads(
  heads: readonly SignedTreeHead[],
  roots: ReadonlyMap<number, string>,
  rowFindings: readonly VerificationFinding[],
  keys: readonly PublicSigningKey[],
  witnessed: number,
): VerificationFinding[] {
  const findings: VerificationFinding[] = [];
  for (const head of heads) {
    const problem = checkTreeHeadSignature(head, keys);
    if (problem) {
      findings.push({ kind: 'forged_tree_head', treeSize: head.treeSize, reason: problem });
      continue;
    }
    const root = roots.get(head.treeSize);
    if (root === head.rootHash) continue;
    const explained = rowFindings.some((f) => f.orgSeq !== undefined && f.orgSeq < head.treeSize);
    const reason = root === undefined ? 'tree_size_beyond_rows' : 'root_mismatch';
    if (explained) findings.push({ kind: 'root_mismatch', treeSize: head.treeSize, reason });
    else if (head.treeSize <= witnessed) findings.push({ kind: 'forged_tree_head', treeSize: head.treeSize, reason });
    else findings.push({ kind: 'root_mismatch', treeSize: head.treeSize, reason: 'unlocated' });
  }
  return findings;
}

function bySeq(a: VerificationFinding, b: VerificationFinding): number {
  return (a.orgSeq ?? 0) - (b.orgSeq ?? 0);
}
