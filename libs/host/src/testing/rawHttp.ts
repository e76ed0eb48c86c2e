import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The socket error seen before the whole answer arrived (`ECONNRESET`), if any. */
  error: string | null;
}

function parseAnswer(raw: Buffer, error: string | null): RawAnswer {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: '', error: error ?? 'no answer' };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).trim().toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  const length = Number(headers['content-length'] ?? Number.NaN);
  const bodyBytes = raw.subarray(Buffer.byteLength(text.slice(0, end + 4)));
  const complete = Number.isNaN(length) || bodyBytes.length >= length;
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: bodyBytes.subarray(0, Number.isNaN(length) ? undefined : length).toString('utf8'),
    error: complete ? null : (error ?? 'truncated answer'),
  };
}

/**
 * Sends raw bytes on a fresh connection, as a client does (without half-closing, in pieces of
 * `chunkBytes` when given), and reads
 * until one whole answer arrived, the server closed, or `timeoutMs` passed. An answer counts only
 * when all of it was read before any reset: that is what a client sees.
 */
export function rawExchange(
  port: number,
  request: Buffer | string,
  options: { timeoutMs?: number; chunkBytes?: number } = {},
): Promise<RawAnswer> {
  const bytes = Buffer.from(request);
  const chunkBytes = options.chunkBytes ?? bytes.length;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    let settled = false;
    const socket = connect({ port, host: '127.0.0.1' });
    const settle = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks), error));
    };
    const timer = setTimeout(() => {
      error ??= 'timeout';
      settle();
    }, options.timeoutMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = parseAnswer(Buffer.concat(chunks), null);
      if (answer.status > 0 && answer.error === null) settle();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', settle);
    // In pieces, a macrotask apart, as a network delivers them: what is still to come when the
    // server answers is what a reset would be made of.
    const writeFrom = (offset: number) => {
      if (settled || socket.destroyed || offset >= bytes.length) return;
      socket.write(bytes.subarray(offset, offset + chunkBytes), () =>
        setTimeout(() => writeFrom(offset + chunkBytes), 1),
      );
    };
    socket.on('connect', () => writeFrom(0));
  });
}
