import { createServer, type Server } from 'node:net';
import { StartRefused } from '@ledger/host';

/** The API's address, held from the first second of start-up until the API takes it over. */
export interface PortReservation {
  /** Frees the address for the API's own listener. */
  release(): Promise<void>;
}

function refusal(error: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartRefused(
        `PORT=${port}: ${host}:${port} is already in use by another process; stop it or choose another PORT`,
      );
    case 'EACCES':
      return new StartRefused(`PORT=${port}: not allowed to listen on ${host}:${port}; choose a PORT above 1023`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartRefused(`HOST=${host} is not an address of this machine (${error.code}); try 127.0.0.1`);
    default:
      return error;
  }
}

/**
 * Binds the address before the database starts, so that a busy port is refused in a moment
 * rather than after the embedded server has started and the demo is seeded. Port 0 reserves
 * nothing: the API picks its own free port.
 */
export async function reservePort(host: string, port: number): Promise<PortReservation> {
  if (port === 0) return { release: async () => undefined };
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(refusal(error, host, port)));
    server.listen({ port, host, exclusive: true }, () => resolve());
  });
  // A start that fails later exits without waiting for this listener.
  server.unref();
  return {
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
