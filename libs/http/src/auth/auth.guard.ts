import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { activeTraceparent } from '@ledger/observability';
import { bearerToken, requireRole, verifyToken, type Role, type TokenVerifierOptions } from '@ledger/tenancy';
import type { FastifyReply } from 'fastify';
import type { LedgerRequest } from '../context/requestState';
import { correlationIdOf, traceparentOf } from '../requestIds/requestIds';
import { AUTH_OPTIONS } from '../tokens';
import { replyViewReport } from '../views/viewHeader';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * Every route needs a bearer token naming one org, one role and the actor, and a role the
 * route admits; the verified principal becomes the request's context, and every query is
 * scoped to its org.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: TokenVerifierOptions,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = execution.switchToHttp().getRequest<LedgerRequest>();
    const principal = await verifyToken(bearerToken(request.headers.authorization), this.options);
    requireRole(principal, this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? []);
    request.ledgerContext = {
      ...principal,
      requestId: String(request.id),
      correlationId: correlationIdOf(request.raw, String(request.id)),
      // The request's own server span, so that the events it appends lead back to it (and, through
      // it, to the caller's trace); the caller's header only when no SDK is tracing.
      traceparent: activeTraceparent() ?? traceparentOf(request.raw),
      views: replyViewReport(execution.switchToHttp().getResponse<FastifyReply>()),
    };
    return true;
  }
}
