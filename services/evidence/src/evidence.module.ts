import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EventStore, GroupAppender } from '@ledger/ledger';
import { ACCESS_RECORDER, DB_POOL, LEDGER, PROJECTION_WAITER } from '@ledger/http';
import type { ProjectionWaiter } from '@ledger/projections';
import { EvidenceApp } from './app/evidenceApp';
import { DocumentsHttpController } from './http/documents.http.controller';
import { EVIDENCE_APP } from './http/evidenceAppToken';
import { EvidenceHttpController } from './list-evidence/listEvidence.http.controller';
import { EvidenceMessageController } from './projection/evidence.message.controller';
import { ProviderAccountsHttpController } from './provider-accounts/providerAccounts.http.controller';
import { SpansHttpController } from './http/spans.http.controller';
import { ThreadsHttpController } from './read-thread/readThread.http.controller';

@Module({
  controllers: [
    ProviderAccountsHttpController,
    DocumentsHttpController,
    ThreadsHttpController,
    SpansHttpController,
    EvidenceHttpController,
    EvidenceMessageController,
  ],
  providers: [
    {
      provide: EVIDENCE_APP,
      useFactory: (store: EventStore, pool: Pool, waiter: ProjectionWaiter, access: GroupAppender) =>
        new EvidenceApp({ store, pool, waiter, access }),
      inject: [LEDGER, DB_POOL, PROJECTION_WAITER, ACCESS_RECORDER],
    },
  ],
})
export class EvidenceModule {}
