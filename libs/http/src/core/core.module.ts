import { Global, Module, type DynamicModule, type ValueProvider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuard } from '../auth/auth.guard';
import { HealthController } from '../health/health.controller';
import { OrgScopeInterceptor } from '../rowSecurity/orgScope.interceptor';
import { ACCESS_RECORDER, AUTH_OPTIONS, DB_POOL, LEDGER, PROJECTION_WAITER, READINESS } from '../tokens';
import type { HttpCore } from './httpCore';

/**
 * Provides the shared objects under their tokens, the authentication guard, the interceptor that
 * runs each handler in its token's org, and health routes.
 */
@Global()
@Module({})
export class CoreModule {
  /** `shared`: further process-wide values (keys, the full projection list) under their own tokens. */
  static forRoot(core: HttpCore, shared: readonly ValueProvider[] = []): DynamicModule {
    return {
      module: CoreModule,
      controllers: [HealthController],
      providers: [
        { provide: LEDGER, useValue: core.ledger },
        { provide: DB_POOL, useValue: core.pool },
        { provide: PROJECTION_WAITER, useValue: core.waiter },
        { provide: ACCESS_RECORDER, useValue: core.access },
        { provide: AUTH_OPTIONS, useValue: core.auth },
        { provide: READINESS, useValue: core.readiness },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: OrgScopeInterceptor },
        ...shared,
      ],
      exports: [LEDGER, DB_POOL, PROJECTION_WAITER, ACCESS_RECORDER, READINESS, ...shared.map((p) => p.provide)],
    };
  }
}
