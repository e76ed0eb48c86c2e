import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';

const BLOCK = 512;

/** A POSIX ustar header block (the subset a bundle needs: regular files and one directory). */
function ustarHeader(name: string, size: number, type: 'file' | 'directory', mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  const header = Buffer.alloc(BLOCK, 0);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0';
  header.write(name, 0, 100, 'utf8');
  header.write(octal(type === 'file' ? 0o644 : 0o755, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write(' '.repeat(8), 148, 'ascii');
  header.write(type === 'file' ? '0' : '5', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** The tar stream of `files` from `dir`, under the folder `root/`, one chunk at a time. */
async function* tarEntries(dir: string, root: string, files: readonly string[], mtime: Date): AsyncGenerator<Buffer> {
  yield ustarHeader(`${root}/`, 0, 'directory', mtime);
  for (const file of files) {
    const path = join(dir, file);
    const { size } = await stat(path);
    yield ustarHeader(`${root}/${file}`, size, 'file', mtime);
    let written = 0;
    for await (const chunk of createReadStream(path)) {
      written += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (written !== size) throw new Error(`${file} changed while it was archived`);
    if (size % BLOCK !== 0) yield Buffer.alloc(BLOCK - (size % BLOCK), 0);
  }
  yield Buffer.alloc(2 * BLOCK, 0);
}

export interface TarGzOptions {
  /** The folder the entries are under when unpacked. */
  root: string;
  mtime?: Date;
  /** Runs once the stream has ended, failed or been abandoned (e.g. removes `dir`). */
  cleanup?: () => Promise<void>;
}

/**
 * Streams `files` of `dir` as a gzip-compressed tar, reading each file as it goes: memory stays
 * constant however large the files are. Only what `tar -xzf` needs is written (ustar).
 */
export function tarGzStream(dir: string, files: readonly string[], options: TarGzOptions): Readable {
  const mtime = options.mtime ?? new Date();
  async function* withCleanup(): AsyncGenerator<Buffer> {
    try {
      yield* tarEntries(dir, options.root, files, mtime);
    } finally {
      await options.cleanup?.();
    }
  }
  const gzip = createGzip();
  // pipeline destroys both sides on failure, which also ends the generator and runs the cleanup.
  pipeline(Readable.from(withCleanup()), gzip, () => undefined);
  return gzip;
}
