import type { Connection, PoolClient, Submittable } from 'pg';

/**
 * Runs `COPY ... TO STDOUT` on `client` and hands each chunk of the stream to `onData` as it
 * arrives, with nothing buffered in between. The driver reuses the memory behind a chunk once
 * `onData` returns, so a caller that keeps bytes must copy them. This is the driver's extension
 * point for custom protocol flows (a Submittable), the one COPY stream libraries plug into.
 */
export function copyOut(client: PoolClient, sql: string, onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => client.query(new CopyOutQuery(sql, onData, resolve, reject)));
}

class CopyOutQuery implements Submittable {
  private failure: Error | null = null;

  constructor(
    private readonly text: string,
    private readonly onData: (chunk: Buffer) => void,
    private readonly resolve: () => void,
    private readonly reject: (error: Error) => void,
  ) {}

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.failure) return;
    try {
      this.onData(message.chunk);
    } catch (error) {
      // The server keeps sending until the statement ends; the rest is drained and ignored.
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    if (this.failure) this.reject(this.failure);
    else this.resolve();
  }

  /** A server error ends the statement; the driver then sends no ReadyForQuery to this query. */
  handleError(error: Error): void {
    this.reject(error);
  }

  // Not part of a COPY TO exchange; present so that a wrong statement fails instead of hanging.
  handleRowDescription(): void {
    this.failure ??= new Error('copyOut: the statement returned rows, not a COPY stream');
  }

  handleDataRow(): void {}

  handleEmptyQuery(): void {
    this.failure ??= new Error('copyOut: empty statement');
  }

  handleCopyInResponse(connection: Connection & { sendCopyFail?: (message: string) => void }): void {
    this.failure ??= new Error('copyOut: the statement expects COPY input');
    connection.sendCopyFail?.('copyOut only reads');
  }

  handlePortalSuspended(): void {}
}
