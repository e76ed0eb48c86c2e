/**
 * The lines of a UTF-8 text arriving in chunks, ended by `\n`, `\r\n` or a lone `\r` as Node's
 * readline ends them; a last line without an ending counts, an empty tail does not. Undecodable
 * bytes become U+FFFD, so such a line never hashes to what the ledger wrote.
 */
export async function* textLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    yield* complete();
  }
  pending += decoder.decode();
  yield* complete(true);
  if (pending !== '') yield pending;

  function* complete(final = false): Generator<string> {
    const ending = /\r\n|\n|\r/g;
    let from = 0;
    for (let match = ending.exec(pending); match !== null; match = ending.exec(pending)) {
      // A `\r` at the end of a chunk may be the first half of `\r\n`.
      if (!final && match[0] === '\r' && match.index === pending.length - 1) break;
      yield pending.slice(from, match.index);
      from = match.index + match[0].length;
    }
    pending = pending.slice(from);
  }
}
