import { concatBytes, latin1Text } from '../core/bytes';
import { FILES } from '../core/bundleFiles';
import { memoryReader } from '../core/memoryReader';
import type { BundleReader } from '../core/platform';
import { IN_MEMORY_LIMITS, NotAnArchive, unpackTar, type UnpackSink } from '../core/unpackTar';
import { BLOCK } from '../core/ustarHeader';
import { webCrypto } from './webCrypto';

const BUNDLE_NAMES: readonly string[] = Object.values(FILES);
const NAMED = `${FILES.manifest}, ${FILES.events}, …`;

/** Which picker a file came from, so that a message names the one to fix. */
export type Picker = 'bundle' | 'previous bundle' | 'certificate' | 'keys';

/**
 * What the examiner picked could not be verified at all: not a bundle, not a key file, not
 * readable. Kept apart from a FAIL, as the command keeps it (exit 2), so nobody reads it as
 * evidence of tampering.
 */
export class Unverifiable extends Error {}

export function notA(
  what: 'NOT A BUNDLE' | 'NOT A CERTIFICATE' | 'NOT A KEY FILE',
  name: string,
  picker: Picker,
  detail: string,
): Unverifiable {
  const named = picker === 'bundle' || picker === 'certificate' ? '' : ` (${picker})`;
  return new Unverifiable(`${what}: ${name}${named}${detail}`);
}

/**
 * The bundle in what the examiner picked: the `.tar.gz` the export API returns (or the tar
 * inside it), unpacked in memory by the same strict reader the command uses, or the files of
 * the folder it unpacks into.
 */
export async function openPicked(files: readonly File[], picker: Picker): Promise<BundleReader> {
  const label = files.length === 1 ? files[0].name : `${files.length} files`;
  const notABundle = (detail: string) => notA('NOT A BUNDLE', label, picker, detail);
  let contents: Map<string, Uint8Array>;
  const kind = files.length === 1 ? await sniff(files[0]) : null;
  if (kind === null) {
    contents = new Map();
    for (const file of files) contents.set(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!holdsBundleFiles(contents)) {
      throw notABundle(` is neither a .tar.gz audit bundle nor the files of a bundle folder (${NAMED})`);
    }
  } else {
    try {
      contents = await unpack(files[0], kind === 'gzip');
    } catch (error) {
      if (error instanceof NotAnArchive) throw notABundle(error.detail);
      throw error;
    }
    if (!holdsBundleFiles(contents)) throw notABundle(` is an archive without the bundle's files (${NAMED})`);
  }
  return memoryReader(contents, webCrypto);
}

function holdsBundleFiles(contents: ReadonlyMap<string, Uint8Array>): boolean {
  return [...contents.keys()].some((name) => BUNDLE_NAMES.includes(name));
}

/** Tells a gzip file and a ustar archive by their magic bytes, as the command does. */
async function sniff(file: File): Promise<'gzip' | 'tar' | null> {
  const head = new Uint8Array(await file.slice(0, BLOCK).arrayBuffer());
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const magic = latin1Text(head.subarray(257, 263));
  if (head.length === BLOCK && (magic === 'ustar\0' || magic === 'ustar ')) return 'tar';
  return null;
}

async function unpack(file: File, gzipped: boolean): Promise<Map<string, Uint8Array>> {
  const contents = new Map<string, Uint8Array>();
  const sink: UnpackSink = {
    folder: async () => undefined,
    async file(_folder, name) {
      const pieces: Uint8Array[] = [];
      return {
        write: async (piece) => {
          pieces.push(piece.slice());
        },
        close: async () => {
          contents.set(name, concatBytes(pieces));
        },
      };
    },
  };
  const stream = gzipped ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
  const reader = stream.getReader();
  const chunks: AsyncIterator<Uint8Array> = {
    async next() {
      try {
        const { done, value } = await reader.read();
        return done ? { done: true, value: undefined } : { done: false, value };
      } catch (error) {
        throw new NotAnArchive(` is a damaged gzip file (${(error as Error).message})`);
      }
    },
  };
  try {
    await unpackTar(chunks, sink, gzipped, IN_MEMORY_LIMITS);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return contents;
}
