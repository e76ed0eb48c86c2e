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

/** An archive unpacked into memory (a browser tab): larger ones are for the command, which streams. */
export const IN_MEMORY_LIMITS = { ...ARCHIVE_LIMITS, totalBytes: 1024 ** 3 };

/** The archive cannot be read as an export; `detail` continues "<path> …". */
export class NotAnArchive extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** Where the accepted entries of an archive go: files on disk, or in memory in a browser. */
export interface UnpackSink {
  /** The bundle folder's entry, once, before its first file. */
  folder(name: string): Promise<void>;
  /** A new file in the folder (or at the top of a flat archive); its content follows in pieces. */
  file(
    folder: string | null,
    name: string,
  ): Promise<{ write(piece: Uint8Array): Promise<void>; close(): Promise<void> }>;
}

/**
 * Reads a bundle archive's ustar stream, checking every header before anything of its entry
 * reaches `sink`. Returns the bundle folder's name (null for a flat archive). Throws
 * NotAnArchive naming what is wrong; an unsafe entry is never handed on.
 */
export async function unpackTar(
  chunks: AsyncIterator<Uint8Array>,
  sink: UnpackSink,
  gzipped: boolean,
  limits = ARCHIVE_LIMITS,
): Promise<string | null> {
  try {
    return await unpack(new ByteSource(chunks), sink, gzipped, limits);
  } catch (error) {
    if (error instanceof RefusedEntry) throw new NotAnArchive(`: ${error.message}`);
    throw error;
  }
}

async function unpack(
  source: ByteSource,
  sink: UnpackSink,
  gzipped: boolean,
  limits: typeof ARCHIVE_LIMITS,
): Promise<string | null> {
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
      await readEnd(source, damaged, limits);
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
    if (++entries > limits.entries) throw damaged(`more than ${limits.entries} entries`);
    total += header.size;
    if (total > limits.totalBytes) {
      throw new RefusedEntry(header.name, `the archive would unpack to more than ${limits.totalBytes} bytes`);
    }
    const placement = layout.place(header);
    if (placement === null) continue;
    if (placement.folder !== null && folder === null) {
      folder = placement.folder;
      await sink.folder(folder);
    }
    if (placement.file === null) continue;
    const file = await sink.file(folder, placement.file);
    try {
      const complete = await source.pass(header.size, (piece) => file.write(piece));
      if (!complete) throw damaged(`${header.name} is cut short`);
    } finally {
      await file.close();
    }
    const padding = (BLOCK - (header.size % BLOCK)) % BLOCK;
    if ((await source.read(padding)).length !== padding) throw damaged(`${header.name} is cut short`);
  }
}

/** The second zero block of the end marker, then nothing but zero padding. */
async function readEnd(
  source: ByteSource,
  damaged: (why: string) => NotAnArchive,
  limits: typeof ARCHIVE_LIMITS,
): Promise<void> {
  const second = await source.read(BLOCK);
  if (second.length < BLOCK || !isZeroBlock(second)) throw damaged('its end-of-archive marker is incomplete');
  let trailing = 0;
  for (;;) {
    const rest = await source.read(64 * 1024);
    if (rest.length === 0) return;
    trailing += rest.length;
    if (!isZeroBlock(rest) || trailing > limits.trailingBytes) {
      throw damaged('it has data after its end-of-archive marker');
    }
  }
}
