import 'reflect-metadata';
import { Module, type DynamicModule, type ValueProvider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyServerOptions } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { nameRoutesInTelemetry } from './routeTelemetry';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { buildOpenApi } from '@ledger/contracts';
import { CoreModule } from '../core/core.module';
import type { HttpCore, HttpService } from '../core/httpCore';
import { DocsController } from '../docs/docs.controller';
import { httpLoggingModule } from '../logging/httpLogging';
import { answerClientError } from '../problems/clientErrors';
import { ProblemFilter, sendProblem } from '../problems/problem.filter';
import { keepReadingRefusedBody } from '../problems/refusedBody';
import { requestIdOf } from '../requestIds/requestIds';
import { APP_LOGGER, OPENAPI_DOCUMENT } from '../tokens';

export interface HttpAppOptions {
  core: HttpCore;
  services: readonly HttpService[];
  logger: Logger;
  /** Largest accepted body in bytes; larger is a 413. */
  bodyLimit?: number;
  /** Process-wide values shared with every module, e.g. signing keys under `Symbol.for` tokens. */
  shared?: readonly ValueProvider[];
}

/** Browsers may not call the API cross-origin: no CORS headers are ever sent (a production gate). */
function rootModule(options: HttpAppOptions): DynamicModule {
  @Module({})
  class AppModule {}
  return {
    module: AppModule,
    imports: [
      httpLoggingModule(options.logger),
      CoreModule.forRoot(options.core, [...(options.shared ?? []), { provide: APP_LOGGER, useValue: options.logger }]),
      ...options.services.map((service) => service.module),
    ],
    controllers: [DocsController],
    providers: [{ provide: OPENAPI_DOCUMENT, useValue: buildOpenApi(options.services.map((s) => s.registerRoutes)) }],
  };
}

const ROUTES = new WeakMap<NestFastifyApplication, string[]>();

/** `METHOD /path` of every route the app serves, paths in OpenAPI form (`/v1/x/{id}`); HEAD left out. */
export function servedRoutes(app: NestFastifyApplication): string[] {
  return [...(ROUTES.get(app) ?? [])];
}

/** Fastify's own refusals before routing (a bad URL, a path segment too long) as problems. */
function answerFrameworkError(logger: Logger): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error, request, reply) => sendProblem(error, request, reply, logger);
}

/** The Nest application on Fastify hosting the given services, initialised but not listening. */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: requestIdOf,
    logger: false,
    // Ids in paths may be up to 200 characters (the ledger's limit); Fastify's default is 100.
    routerOptions: { maxParamLength: 256 },
    // Errors Fastify and Node answer themselves, before any route: problem+json like the rest.
    frameworkErrors: answerFrameworkError(options.logger),
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule(options), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new ProblemFilter(options.logger));
  const fastify = app.getHttpAdapter().getInstance();
  const routes: string[] = [];
  ROUTES.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of methods) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  });
  nameRoutesInTelemetry(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    keepReadingRefusedBody(request, reply);
  });
  app.enableShutdownHooks();
  await app.init();
  await fastify.ready();
  return app;
}
