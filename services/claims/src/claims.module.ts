import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EventStore } from '@ledger/ledger';
import { DB_POOL, LEDGER, PROJECTION_WAITER } from '@ledger/http';
import type { ProjectionWaiter } from '@ledger/projections';
import { ClaimsApp } from './app/claimsApp';
import { ClaimsHttpController } from './http/claims.http.controller';
import { CLAIMS_APP } from './http/claimsAppToken';
import { EntitiesHttpController } from './http/entities.http.controller';
import { ClaimsMessageController } from './projection/claims.message.controller';

@Module({
  controllers: [EntitiesHttpController, ClaimsHttpController, ClaimsMessageController],
  providers: [
    {
      provide: CLAIMS_APP,
      useFactory: (store: EventStore, pool: Pool, waiter: ProjectionWaiter) => new ClaimsApp({ store, pool, waiter }),
      inject: [LEDGER, DB_POOL, PROJECTION_WAITER],
    },
  ],
})
export class ClaimsModule {}
