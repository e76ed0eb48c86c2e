import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** A file written line by line, waiting for the stream to drain when its buffer is full. */
export class LineFile {
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text, 'utf8')) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }

  /** Closes without waiting, after a failure. */
  abandon(): void {
    this.stream.destroy();
  }
}
