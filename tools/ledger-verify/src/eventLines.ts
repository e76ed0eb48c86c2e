import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BundleProblem, FILES } from './bundleFiles';
import { leafHash } from './rfc6962';

/** Lines of a text file, one at a time; null after the last. */
function lineReader(path: string): () => Promise<string | null> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })[Symbol.asyncIterator]();
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

const hashOf = (line: string | null) => (line === null ? null : leafHash(Buffer.from(line, 'utf8')).toString('hex'));

/**
 * Streams events.jsonl against leaves.txt, hashing every event's exact bytes, and calls `onLeaf`
 * with each leaf hash in order. Throws a BundleProblem naming the first event that does not
 * match: a changed event, a dropped line, an inserted line or a swapped pair, by org_seq.
 */
export async function checkEventLines(dir: string, start: number, onLeaf: (leaf: Buffer) => void): Promise<number> {
  const window = new Window(lineReader(join(dir, FILES.events)), lineReader(join(dir, FILES.leaves)));
  await window.fill();
  let count = 0;
  for (;;) {
    await window.advance();
    if (window.line === null && window.leaf === null) return count;
    const seq = start + count;
    const where = `org_seq ${seq} (${FILES.events} line ${count + 1})`;
    if (window.line === null) throw new BundleProblem(`event at org_seq ${seq} is missing from ${FILES.events}`);
    if (window.leaf === null) throw new BundleProblem(`event at ${where} has no leaf hash in ${FILES.leaves}`);
    const hash = hashOf(window.line)!;
    if (hash !== window.leaf) throw explain(seq, where, hash, window);
    onLeaf(Buffer.from(hash, 'hex'));
    count++;
  }
}

function explain(seq: number, where: string, hash: string, window: Window): BundleProblem {
  const nextHash = hashOf(window.nextLine);
  if (hash === window.nextLeaf && nextHash === window.leaf) {
    return new BundleProblem(`events at org_seq ${seq} and ${seq + 1} are swapped`);
  }
  if (hash === window.nextLeaf) return new BundleProblem(`event at org_seq ${seq} is missing (dropped line)`);
  if (nextHash === window.leaf) return new BundleProblem(`an event was inserted at ${where}`);
  return new BundleProblem(`event at ${where} does not match its leaf hash`);
}
