import { BundleProblem, FILES, readJson } from './bundleFiles';
import type { BundleReader } from './platform';
import { textLines } from './textLines';

interface ErasedEntry {
  orgSeq: number;
  streamId: string;
  personal: string;
}

/**
 * Checks erased.json, when the manifest lists it: each entry marks, in org_seq order, an event of
 * the range that has a sealed personal part and belongs to the stream it names. Returns how many
 * events are marked (0 for a bundle without the file, as written before erasures existed).
 */
export async function checkErasedEvents(
  reader: BundleReader,
  listed: ReadonlySet<string>,
  range: { start: number; end: number },
): Promise<number> {
  if (!listed.has(FILES.erased)) return 0;
  const entries = await readJson<ErasedEntry[]>(reader, FILES.erased);
  if (!Array.isArray(entries)) throw new BundleProblem(`${FILES.erased} is not a list`);
  const wanted = new Map<number, ErasedEntry>();
  let previous = range.start - 1;
  for (const entry of entries) {
    const seq = entry?.orgSeq;
    if (!Number.isSafeInteger(seq) || seq <= previous || seq >= range.end || entry.personal !== 'shredded') {
      throw new BundleProblem(`${FILES.erased} has an entry out of order or outside the range`);
    }
    previous = seq;
    wanted.set(seq, entry);
  }
  if (wanted.size === 0) return 0;
  const events = await reader.chunks(FILES.events);
  if (events === null) throw new BundleProblem(`${FILES.events} is missing`);
  let seq = range.start;
  for await (const line of textLines(events)) {
    const entry = wanted.get(seq++);
    if (!entry) continue;
    const event = JSON.parse(line) as { streamId?: unknown; personal?: unknown };
    if (event.streamId !== entry.streamId || event.personal === null || event.personal === undefined) {
      throw new BundleProblem(
        `${FILES.erased} marks org_seq ${entry.orgSeq}, which is not a personal event of ${entry.streamId}`,
      );
    }
  }
  return wanted.size;
}
