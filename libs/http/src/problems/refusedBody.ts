import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How much of a refused body is still read, and for how long, before the connection is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const DRAIN_LIMIT_MS = 30_000;

function drain(raw: IncomingMessage): void {
  let received = 0;
  // An injected request (tests, in-process calls) has a socket stand-in without `destroy`.
  const cut = () => {
    const socket = raw.socket as Partial<IncomingMessage['socket']> | undefined;
    if (typeof socket?.destroy === 'function') socket.destroy();
  };
  const timer = setTimeout(cut, DRAIN_LIMIT_MS);
  timer.unref();
  raw.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > DRAIN_LIMIT_BYTES) cut();
  });
  raw.once('end', () => clearTimeout(timer));
  raw.once('close', () => clearTimeout(timer));
}

/**
 * An answer given before the body was read (a 413 on its Content-Length, a body that broke a
 * limit) comes with `Connection: close` from Fastify, and Node then destroys the socket as soon as
 * the answer is written: the client, still sending, gets a reset instead of the answer (EPIPE).
 * Here the rest of the body is read and discarded (bounded in bytes and time) and the
 * connection closed by the client, so the answer always arrives.
 */
export function keepReadingRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  if (request.raw.complete || reply.getHeader('connection') !== 'close') return;
  reply.removeHeader('connection');
  drain(request.raw);
}
