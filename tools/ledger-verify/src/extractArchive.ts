import { createReadStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ArchiveLayout } from './archiveLayout';
import { ByteSource } from './byteSource';
import { BLOCK, isZeroBlock, MalformedHeader, parseHeader, RefusedEntry } from './ustarHeader';

/** Bounds that keep a hostile archive (a gzip bomb, a flood of entries) from filling the disk. */
export const ARCHIVE_LIMITS = {
  /** A bundle has 8 files, 11 with the audit service's; this leaves room for new ones. */
  entries: 64,
  /**
   * Everything the archive unpacks to. Generous for real exports (a small event takes about 250
   * bytes in events.jsonl and 65 in leaves.txt, and once or twice more in the trail files), yet
   * bounded.
   */
  totalBytes: 16 * 1024 ** 3,
  /** Zero padding accepted after the end-of-archive marker (tar writers pad to 10 KiB records). */
  trailingBytes: 1024 * 1024,
};

/** The archive cannot be read as an export; `detail` continues "<path> …". */
export class NotAnArchive extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

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
    const folder = await unpack(new ByteSource(input[Symbol.asyncIterator]()), target, gzipped);
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
  if (error instanceof RefusedEntry) return new NotAnArchive(`: ${error.message}`);
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new NotAnArchive(` is a damaged gzip file (${(error as Error).message})`);
  }
  return error;
}

async function unpack(source: ByteSource, target: string, gzipped: boolean): Promise<string | null> {
  const layout = new ArchiveLayout();
  const damaged = (why: string) => new NotAnArchive(` is a damaged tar archive (${why})`);
  let folder: string | null = null;
  let entries = 0;
  let total = 0;
  for (;;) {
    const block = await source.read(BLOCK);
    if (block.length < BLOCK) {
      if (entries === 0 && gzipped) throw new NotAnArchive(' is gzip-compressed but not a tar archive');
      throw damaged('it ends before its end-of-archive marker');
    }
    if (isZeroBlock(block)) {
      await readEnd(source, damaged);
      return folder;
    }
    let header;
    try {
      header = parseHeader(block);
    } catch (error) {
      if (!(error instanceof MalformedHeader)) throw error;
      if (entries === 0 && gzipped) throw new NotAnArchive(' is gzip-compressed but not a tar archive');
      throw damaged(`entry ${entries + 1}: ${error.message}`);
    }
    if (++entries > ARCHIVE_LIMITS.entries) throw damaged(`more than ${ARCHIVE_LIMITS.entries} entries`);
    total += header.size;
    if (total > ARCHIVE_LIMITS.totalBytes) {
      throw new RefusedEntry(header.name, `the archive would unpack to more than ${ARCHIVE_LIMITS.totalBytes} bytes`);
    }
    const placement = layout.place(header);
    if (placement === null) continue;
    if (placement.folder !== null && folder === null) {
      folder = placement.folder;
      await mkdir(join(target, folder), { mode: 0o700 });
    }
    if (placement.file === null) continue;
    const handle = await open(join(target, folder ?? '', placement.file), 'wx', 0o600);
    try {
      const complete = await source.pass(header.size, async (piece) => {
        await handle.write(piece);
      });
      if (!complete) throw damaged(`${header.name} is cut short`);
    } finally {
      await handle.close();
    }
    const padding = (BLOCK - (header.size % BLOCK)) % BLOCK;
    if ((await source.read(padding)).length !== padding) throw damaged(`${header.name} is cut short`);
  }
}

/** The second zero block of the end marker, then nothing but zero padding. */
async function readEnd(source: ByteSource, damaged: (why: string) => NotAnArchive): Promise<void> {
  const second = await source.read(BLOCK);
  if (second.length < BLOCK || !isZeroBlock(second)) throw damaged('its end-of-archive marker is incomplete');
  let trailing = 0;
  for (;;) {
    const rest = await source.read(64 * 1024);
    if (rest.length === 0) return;
    trailing += rest.length;
    if (!isZeroBlock(rest) || trailing > ARCHIVE_LIMITS.trailingBytes) {
      throw damaged('it has data after its end-of-archive marker');
    }
  }
}
