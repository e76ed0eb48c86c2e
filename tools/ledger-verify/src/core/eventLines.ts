import { toHex, utf8Bytes } from './bytes';
import { BundleProblem, FILES } from './bundleFiles';
import type { BundleReader } from './platform';
import type { MerkleHasher } from './rfc6962';
import { textLines } from './textLines';

/** Lines of a text file, one at a time; null after the last (and for a missing file). */
function lineReader(chunks: AsyncIterable<Uint8Array> | null): () => Promise<string | null> {
  if (chunks === null) return async () => null;
  const lines = textLines(chunks);
  return async () => {
    const next = await lines.next();
    return next.done ? null : next.value;
  };
}

/** A one-line lookahead over both files, so a mismatch can be told apart as a drop or a swap. */
class Window {
  line: string | null = null;
  leaf: string | null = null;
  nextLine: string | null = null;
  nextLeaf: string | null = null;

  constructor(
    private readonly readLine: () => Promise<string | null>,
    private readonly readLeaf: () => Promise<string | null>,
  ) {}

  async fill(): Promise<void> {
    [this.nextLine, this.nextLeaf] = await Promise.all([this.readLine(), this.readLeaf()]);
  }

  async advance(): Promise<void> {
    this.line = this.nextLine;
    this.leaf = this.nextLeaf;
    await this.fill();
  }
}

/**
 * Streams events.jsonl against leaves.txt, hashing every event's exact bytes, and calls `onLeaf`
 * with each leaf hash in order. Throws a BundleProblem naming the first event that does not
 * match: a changed event, a dropped line, an inserted line or a swapped pair, by org_seq.
 */
export async function checkEventLines(
  reader: BundleReader,
  hasher: MerkleHasher,
  start: number,
  onLeaf: (leaf: Uint8Array) => Promise<void>,
): Promise<number> {
  const events = await reader.chunks(FILES.events);
  if (events === null) throw new BundleProblem(`${FILES.events} is missing`);
  const leaves = await reader.chunks(FILES.leaves);
  if (leaves === null) throw new BundleProblem(`${FILES.leaves} is missing`);
  const hashOf = async (line: string | null) => (line === null ? null : toHex(await hasher.leafHash(utf8Bytes(line))));
  const window = new Window(lineReader(events), lineReader(leaves));
  await window.fill();
  let count = 0;
  for (;;) {
    await window.advance();
    if (window.line === null && window.leaf === null) return count;
    const seq = start + count;
    const where = `org_seq ${seq} (${FILES.events} line ${count + 1})`;
    if (window.line === null) throw new BundleProblem(`event at org_seq ${seq} is missing from ${FILES.events}`);
    if (window.leaf === null) throw new BundleProblem(`event at ${where} has no leaf hash in ${FILES.leaves}`);
    const leaf = await hasher.leafHash(utf8Bytes(window.line));
    const hash = toHex(leaf);
    if (hash !== window.leaf) throw explain(seq, where, hash, await hashOf(window.nextLine), window);
    await onLeaf(leaf);
    count++;
  }
}

function explain(seq: number, where: string, hash: string, nextHash: string | null, window: Window): BundleProblem {
  if (hash === window.nextLeaf && nextHash === window.leaf) {
    return new BundleProblem(`events at org_seq ${seq} and ${seq + 1} are swapped`);
  }
  if (hash === window.nextLeaf) return new BundleProblem(`event at org_seq ${seq} is missing (dropped line)`);
  if (nextHash === window.leaf) return new BundleProblem(`an event was inserted at ${where}`);
  return new BundleProblem(`event at ${where} does not match its leaf hash`);
}
