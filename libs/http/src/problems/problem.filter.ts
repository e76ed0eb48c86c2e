import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { toProblem } from './toProblem';
import { bearerChallenge } from './wwwAuthenticate';

/**
 * What a fault may put in the log: its class, code and call sites. Not its message: an
 * unexpected error (a driver's, a library's) can quote the data it choked on.
 */
function faultSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    frames: frames.slice(0, 8).map((f) => f.trim()),
  };
}

/**
 * Sends any error as application/problem+json, a 401 with its `WWW-Authenticate` challenge;
 * faults are logged by request id, never returned.
 */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, log: Logger): void {
  const { problem, internal } = toProblem(error);
  problem.requestId = String(request.id);
  if (internal)
    log.error(
      { fault: faultSummary(error), requestId: request.id, route: request.routeOptions?.url },
      'request failed',
    );
  if (problem.status === 401)
    void reply.header('www-authenticate', bearerChallenge(request.headers.authorization, problem.detail));
  void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.log);
  }
}
