import { Logger, Module } from '@nestjs/common';
import { Retention, type Ledger, type PublicSigningKey, type SigningKeyProvider } from '@ledger/ledger';
import { DB_POOL, LEDGER, PROJECTION_WAITER } from '@ledger/http';
import type { ProjectionDefinition, ProjectionWaiter } from '@ledger/projections';
import type { Pool } from 'pg';
import { AuditApp } from './audit.app';
import {
  PROJECTION_DEFINITIONS,
  SIGNING_KEYS,
  TRUSTED_PUBLIC_KEYS,
  signingKeysFromEnv,
  trustedKeysFromEnv,
} from './config/auditKeys';
import { AuditExportHttpController } from './export-trail/exportTrail.http.controller';
import { AuditTrailHttpController } from './query-trail/queryTrail.http.controller';
import { AuditVerifyHttpController } from './verify-ledger/verifyLedger.http.controller';
import { ProjectionAdminHttpController } from './projection-admin/projectionAdmin.http.controller';
import { ErasureHttpController } from './erasure/erasure.http.controller';
import { ComplianceHttpController } from './compliance/compliance.http.controller';
import { AUDIT_APP } from './http/tokens';
import { AuditMessageController } from './projection/audit.message.controller';
import { auditTrailProjection } from './projection/auditTrailProjection';

function createAuditApp(
  ledger: Ledger,
  pool: Pool,
  waiter: ProjectionWaiter,
  signing?: SigningKeyProvider,
  trusted?: readonly PublicSigningKey[],
  projections?: readonly ProjectionDefinition[],
): AuditApp {
  const signingKeys =
    signing ??
    signingKeysFromEnv(process.env, () =>
      new Logger('AuditModule').warn(
        'LEDGER_SIGNING_KEYS is not set: tree heads and exports are signed with a key of this process only',
      ),
    );
  // One for the compliance routes and the erasure guard: the holds and classes they decide on.
  const retention = new Retention({ pool, ledger });
  return new AuditApp({
    ledger,
    pool,
    waiter,
    signingKeys,
    trustedKeys: trusted ?? trustedKeysFromEnv(process.env, signingKeys),
    retention,
    guard: retention,
    // Without the process's full list, operators can manage the audit trail projection only.
    projections: projections ?? [auditTrailProjection],
  });
}

@Module({
  controllers: [
    AuditTrailHttpController,
    AuditExportHttpController,
    AuditVerifyHttpController,
    ProjectionAdminHttpController,
    ErasureHttpController,
    ComplianceHttpController,
    AuditMessageController,
  ],
  providers: [
    {
      provide: AUDIT_APP,
      useFactory: createAuditApp,
      inject: [
        LEDGER,
        DB_POOL,
        PROJECTION_WAITER,
        { token: SIGNING_KEYS, optional: true },
        { token: TRUSTED_PUBLIC_KEYS, optional: true },
        { token: PROJECTION_DEFINITIONS, optional: true },
      ],
    },
  ],
})
export class AuditModule {}
