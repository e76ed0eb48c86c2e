import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES } from './core/bundleFiles';
import { extractArchive, NotAnArchive } from './extractArchive';
import { unreadable, Unverifiable, type Argument } from './outcome';
import { BLOCK } from './core/ustarHeader';

/** A bundle ready to verify: a folder, unpacked from an archive if it was one. */
export interface OpenedBundle {
  dir: string;
  close(): Promise<void>;
}

const BUNDLE_NAMES: readonly string[] = Object.values(FILES);
const NAMED = `${FILES.manifest}, ${FILES.events}, …`;

/**
 * Opens what the user named as a bundle: the `.tar.gz` the export API returns (or the tar inside
 * it) or the folder it unpacks into. Throws Unverifiable when the path is missing or holds no
 * bundle at all; a folder or archive with some of the bundle's files is a bundle, and anything
 * missing from it is for verification to report.
 */
export async function openBundle(path: string, argument: Argument): Promise<OpenedBundle> {
  const notABundle = (detail: string) => new Unverifiable('not-a-bundle', path, argument, detail);
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(error, path, argument);
  });
  if (info.isDirectory()) {
    if (await holdsBundleFiles(path)) return { dir: path, close: async () => undefined };
    const inner = await innerBundle(path);
    throw notABundle(
      inner === null
        ? ` is a folder without the bundle's files (${NAMED})`
        : ` is a folder without the bundle's files; the bundle is its folder ${inner}`,
    );
  }
  const kind = info.isFile() ? await sniff(path, argument) : null;
  if (kind === null) throw notABundle(' is neither a .tar.gz audit bundle nor a bundle folder');
  let extracted;
  try {
    extracted = await extractArchive(path, kind === 'gzip');
  } catch (error) {
    if (error instanceof NotAnArchive) throw notABundle(error.detail);
    throw error;
  }
  if (!(await holdsBundleFiles(extracted.dir))) {
    await extracted.remove();
    throw notABundle(` is an archive without the bundle's files (${NAMED})`);
  }
  return { dir: extracted.dir, close: extracted.remove };
}

async function holdsBundleFiles(dir: string): Promise<boolean> {
  return (await readdir(dir)).some((name) => BUNDLE_NAMES.includes(name));
}

/** The one folder inside `dir` holding a bundle, as when the archive was unpacked into `dir`. */
async function innerBundle(dir: string): Promise<string | null> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.length !== 1 || !entries[0].isDirectory()) return null;
  return (await holdsBundleFiles(join(dir, entries[0].name))) ? join(dir, entries[0].name) : null;
}

/** Tells a gzip file and a ustar archive by their magic bytes. */
async function sniff(path: string, argument: Argument): Promise<'gzip' | 'tar' | null> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw unreadable(error, path, argument);
  });
  try {
    const head = Buffer.alloc(BLOCK);
    const { bytesRead } = await handle.read(head, 0, BLOCK, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    const magic = head.toString('latin1', 257, 263);
    if (bytesRead === BLOCK && (magic === 'ustar\0' || magic === 'ustar ')) return 'tar';
    return null;
  } finally {
    await handle.close();
  }
}
