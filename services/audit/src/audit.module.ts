import { Inject, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import {
  Retention,
  SigningRefusals,
  TreeHeadPublisher,
  type CheckpointStore,
  type Ledger,
  type PublicSigningKey,
  type RefusalLog,
  type SigningKeyProvider,
} from '@ledger/ledger';
import { APP_LOGGER, DB_POOL, LEDGER, PROJECTION_WAITER } from '@ledger/http';
import type { ProjectionDefinition, ProjectionWaiter } from '@ledger/projections';
import type { Pool } from 'pg';
import { AuditApp } from './audit.app';
import {
  CHECKPOINT_STORE,
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
  checkpoints?: CheckpointStore,
  logger?: RefusalLog,
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
  if (!checkpoints) {
    new Logger('AuditModule').warn(
      'LEDGER_CHECKPOINT_DIR is not set: tree heads are signed without a check against those already published',
    );
  }
  const refusals = new SigningRefusals(logger ?? refusalLog(new Logger('TreeHeads')));
  return new AuditApp({
    ledger,
    pool,
    waiter,
    signingKeys,
    treeHeads: new TreeHeadPublisher({ pool, keys: signingKeys, checkpoints, refusals }),
    trustedKeys: trusted ?? trustedKeysFromEnv(process.env, signingKeys),
    retention,
    guard: retention,
    // Without the process's full list, operators can manage the audit trail projection only.
    projections: projections ?? [auditTrailProjection],
  });
}

/**
 * Without the process's logger: one Nest log line per refusal or resumption, the org id and tree
 * sizes, nothing of the events.
 */
function refusalLog(logger: Logger): RefusalLog {
  const line = (message: string, fields: object) => `${message} ${JSON.stringify(fields)}`;
  return {
    warn: (fields, message) => logger.warn(line(message, fields)),
    info: (fields, message) => logger.log(line(message, fields)),
  };
}

/** Checks every published head against the database once the module is built. */
@Injectable()
class PublishedHeadCheck implements OnModuleInit {
  constructor(@Inject(AUDIT_APP) private readonly app: AuditApp) {}

  async onModuleInit(): Promise<void> {
    // A failed check blocks nothing: every signing checks again before it signs.
    await this.app.checkPublishedHeads().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      new Logger('TreeHeads').warn(`published tree heads not checked at start-up: ${reason}`);
    });
  }
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
        { token: CHECKPOINT_STORE, optional: true },
        { token: APP_LOGGER, optional: true },
      ],
    },
    PublishedHeadCheck,
  ],
})
export class AuditModule {}
