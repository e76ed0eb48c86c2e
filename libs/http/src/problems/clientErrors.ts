import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { clientProblem, type Problem } from './problem';

/** How long a refused connection is still read (and discarded) so the client can read the answer. */
const DRAIN_MS = 2_000;

const ANSWERED = new WeakSet<Duplex>();

/** Node's parser errors (before any request exists) as the problem the client gets. */
function problemFor(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return clientProblem(431, 'REQUEST.HEADERS_TOO_LARGE', 'request headers are larger than the server accepts');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return clientProblem(408, 'REQUEST.TIMEOUT', 'the request did not arrive in time');
    default:
      return clientProblem(400, 'REQUEST.MALFORMED', 'the request is not valid HTTP/1.1');
  }
}

/**
 * The server's `clientError` handler: a request Node could not parse (headers too large, a bad
 * request line) gets a problem+json answer with `Connection: close`. The socket is then only
 * half-closed and its input discarded for a while, instead of destroyed: closing a socket with
 * unread input makes the kernel send a reset, and a reset that arrives before the client has
 * read the answer throws the answer away (about one time in two for a 16 KiB header).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || ANSWERED.has(socket)) return;
  ANSWERED.add(socket);
  const problem = problemFor(error.code);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.end();
  socket.on('data', () => undefined);
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), DRAIN_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
