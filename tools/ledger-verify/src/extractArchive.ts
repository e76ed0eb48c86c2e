import { createReadStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { NotAnArchive, unpackTar, type UnpackSink } from './core/unpackTar';

export { ARCHIVE_LIMITS, NotAnArchive } from './core/unpackTar';

export interface ExtractedArchive {
  /** The unpacked bundle folder. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Unpacks a bundle archive (`gzipped` or plain ustar) into a fresh private folder under
 * `parent`, streaming, checking every header before anything of its entry is written. On any
 * refusal the folder is removed: an unsafe entry is never written, anywhere.
 */
export async function extractArchive(file: string, gzipped: boolean, parent = tmpdir()): Promise<ExtractedArchive> {
  const target = await mkdtemp(join(parent, 'ledger-verify-'));
  unpacked.add(target);
  const remove = async () => {
    await rm(target, { recursive: true, force: true });
    unpacked.delete(target);
  };
  const input: Readable = gzipped
    ? pipeline(createReadStream(file), createGunzip(), () => undefined)
    : createReadStream(file);
  try {
    const folder = await unpackTar(input[Symbol.asyncIterator](), diskSink(target), gzipped);
    return { dir: folder === null ? target : join(target, folder), remove };
  } catch (error) {
    await remove();
    throw translate(error);
  } finally {
    input.destroy();
  }
}

/** Folders unpacked and not yet removed, so that an interrupted run can still clean up. */
const unpacked = new Set<string>();

/** Removes every unpacked folder at once; for signal handlers, which cannot wait. */
export function removeUnpackedSync(): void {
  for (const dir of unpacked) rmSync(dir, { recursive: true, force: true });
  unpacked.clear();
}

function translate(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new NotAnArchive(` is a damaged gzip file (${(error as Error).message})`);
  }
  return error;
}

/** Writes the accepted entries under `target`: private folder and files, never one twice. */
function diskSink(target: string): UnpackSink {
  return {
    folder: (name) => mkdir(join(target, name), { mode: 0o700 }).then(() => undefined),
    async file(folder, name) {
      const handle = await open(join(target, folder ?? '', name), 'wx', 0o600);
      return {
        write: (piece) => handle.write(piece).then(() => undefined),
        close: () => handle.close(),
      };
    },
  };
}
