import type { Type } from '@nestjs/common';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { TokenVerifierOptions } from '@ledger/tenancy';
import type { Readiness } from '../health/readiness';

/**
 * What the HTTP side provides to controllers, by shape only: the process runtime builds the
 * concrete objects, and the service modules that inject them know their types.
 */
export interface HttpCore {
  ledger: object;
  pool: object;
  waiter: object;
  access: object;
  auth: TokenVerifierOptions;
  readiness: Readiness;
}

/** What the HTTP app needs of a hosted service: its Nest module and its documented routes. */
export interface HttpService {
  module: Type<unknown>;
  registerRoutes: (registry: OpenAPIRegistry) => void;
}
