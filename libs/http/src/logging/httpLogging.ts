import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * Access log lines carry the request id, method, route path and status — never the query
 * string, headers or body, where personal data and tokens travel. The logger itself redacts
 * personal field names on top of that.
 */
export function httpLoggingModule(logger: Logger) {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      // Fastify sets the id on the raw request first (requestIdOf); this only reads it.
      genReqId: (request: IncomingMessage) => String((request as IncomingMessage & { id?: string }).id ?? ''),
      serializers: {
        req: (request: IncomingMessage & { id?: string }) => ({
          id: request.id,
          method: request.method,
          path: (request.url ?? '').split('?')[0],
        }),
        res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
        // The problem filter has logged the fault by request id; pino-http's own error is noise.
        err: () => undefined,
      },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      quietReqLogger: true,
    },
  });
}
