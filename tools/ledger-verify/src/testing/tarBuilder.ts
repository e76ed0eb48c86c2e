import { gzipSync } from 'node:zlib';

const BLOCK = 512;

/** One entry of a hand-made archive: what the export writes, or what it never would. */
export interface TarEntry {
  name: string;
  /** '0' regular file, '5' directory, '1' hard link, '2' symbolic link. */
  type?: '0' | '5' | '1' | '2';
  content?: Buffer | string;
  linkName?: string;
  /** The size the header declares, when it is to differ from the content's (a cut-short or oversized entry). */
  declaredSize?: number;
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0';
  block.write(entry.name, 0, 100, 'utf8');
  block.write(octal(entry.type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(0, 12), 136, 'ascii');
  block.write(' '.repeat(8), 148, 'ascii');
  block.write(entry.type ?? '0', 156, 'ascii');
  if (entry.linkName) block.write(entry.linkName, 157, 100, 'utf8');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let checksum = 0;
  for (const byte of block) checksum += byte;
  block.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/**
 * A POSIX ustar archive laid out as the audit service writes one, but holding any entries a
 * test needs, including the unsafe ones a verifier must refuse.
 */
export function tarOf(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    parts.push(header(entry, entry.declaredSize ?? content.length), content);
    if (content.length % BLOCK !== 0) parts.push(Buffer.alloc(BLOCK - (content.length % BLOCK), 0));
  }
  parts.push(Buffer.alloc(2 * BLOCK, 0));
  return Buffer.concat(parts);
}

export function tarGzOf(entries: readonly TarEntry[]): Buffer {
  return gzipSync(tarOf(entries));
}
