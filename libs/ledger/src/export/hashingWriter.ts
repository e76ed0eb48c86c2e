import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ManifestFile } from './bundleFormat';

/** A file written as a stream while its SHA-256 and size are computed, for the manifest. */
export class HashingWriter {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(
    private readonly path: string,
    private readonly name: string,
  ) {
    this.stream = createWriteStream(path);
  }

  /** Writes a chunk, waiting for the stream to drain when its buffer is full (constant memory). */
  async write(chunk: string | Buffer): Promise<void> {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.hash.update(data);
    this.bytes += data.length;
    if (!this.stream.write(data)) await once(this.stream, 'drain');
  }

  async close(): Promise<ManifestFile> {
    this.stream.end();
    await once(this.stream, 'finish');
    return { path: this.name, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** Writes a whole small file through a HashingWriter. */
export async function writeHashedFile(dir: string, name: string, content: string): Promise<ManifestFile> {
  const writer = new HashingWriter(`${dir}/${name}`, name);
  await writer.write(content);
  return writer.close();
}

/** The manifest entry of a file already in `dir`, read as a stream. */
export async function hashExistingFile(dir: string, name: string): Promise<ManifestFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(`${dir}/${name}`)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { path: name, sha256: hash.digest('hex'), bytes };
}
