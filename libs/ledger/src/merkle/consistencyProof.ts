import { HashReader } from './hashReader';
import { MerkleError } from './merkleError';
import { LeafRange, hashSubtrees } from './subtree';
import { largestPowerOfTwoBelow, requireCount } from './treeMath';

/*
 * RFC 6962 section 2.1.2. PROOF(m, D[n]) = SUBPROOF(m, D[n], true), and with k the largest power
 * of two smaller than n:
 *
 *   SUBPROOF(m, D[m], true)  = {}
 *   SUBPROOF(m, D[m], false) = {MTH(D[m])}
 *   SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])          for m <= k
 *   SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])  for m > k
 *
 * The recursion only ever descends into one half, so it is a loop that records, top-down, the
 * subtree appended at each step; the proof lists them bottom-up.
 */

/** The subtrees whose hashes make up the consistency proof from size `m` to size `n`, in order. */
export function consistencyProofRanges(m: number, n: number): LeafRange[] {
  requireSizes(m, n);
  if (m === 0 || m === n) return [];
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = n;
  let whole = true; // SUBPROOF's b: still a prefix of the original old tree of m leaves
  while (m < end) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (m <= split) {
      ranges.push({ start: split, end });
      end = split;
    } else {
      ranges.push({ start, end: split });
      start = split;
      whole = false;
    }
  }
  if (!whole) ranges.push({ start, end });
  return ranges.reverse();
}

/**
 * The proof that the tree of `m` leaves is a prefix of the tree of `n` leaves, exactly as RFC 6962
 * PROOF; all stored hashes it needs are read in one batch. Requires m <= n; the proof is empty
 * when m is 0 or m = n (RFC 6962 defines PROOF for 0 < m < n only).
 */
export async function consistencyProof(m: number, n: number, reader: HashReader): Promise<Uint8Array[]> {
  return hashSubtrees(consistencyProofRanges(m, n), reader);
}

function requireSizes(m: number, n: number): void {
  requireCount('m', m);
  requireCount('n', n);
  if (m > n) {
    throw new MerkleError('MERKLE.SIZE_OUT_OF_RANGE', `old tree size ${m} is larger than new tree size ${n}`, { m, n });
  }
}
