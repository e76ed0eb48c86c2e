import type { Message } from 'kafkajs';

/** What a message adds to a produce request, near enough: key, value and headers. */
function sizeOf(message: Message): number {
  let bytes = 64;
  if (message.key) bytes += Buffer.byteLength(message.key);
  if (message.value) bytes += Buffer.byteLength(message.value);
  const headers = message.headers ?? {};
  for (const name in headers) {
    const value = headers[name];
    bytes +=
      Buffer.byteLength(name) + (typeof value === 'string' || Buffer.isBuffer(value) ? Buffer.byteLength(value) : 0);
  }
  return bytes;
}

/**
 * Splits messages, in order, into runs of at most `maxBytes` (a single larger message goes
 * alone). A broker refuses a record batch over its `message.max.bytes`, and kafkajs puts a
 * send's messages for one partition into one record batch.
 */
export function splitByBytes(messages: readonly Message[], maxBytes: number): Message[][] {
  const runs: Message[][] = [];
  let run: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message);
    if (run.length > 0 && bytes + size > maxBytes) {
      runs.push(run);
      run = [];
      bytes = 0;
    }
    run.push(message);
    bytes += size;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
