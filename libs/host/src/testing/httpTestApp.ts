import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import pino from 'pino';
import { createPool, LocalKeyProvider, type Ledger } from '@ledger/ledger';
import { countEvents } from '@ledger/ledger/testing';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import type { ProjectionRunner } from '@ledger/projections';
import { issueToken, type Role, type TokenVerifierOptions } from '@ledger/tenancy';
import { createLogger } from '@ledger/observability';
import { createHttpApp, type HttpAppOptions } from '@ledger/http';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { startCore } from '../core/startCore';

export interface HttpTestApp {
  app: NestFastifyApplication;
  /** `Bearer …` for a principal; org defaults to `org-a`, actor to `user-<role>`. */
  tokenFor(role: Role, orgId?: string, actor?: string): Promise<string>;
  ledger: Ledger;
  /**
   * The owner's pool (the test server's superuser): projection and ledger tables of every org, for
   * assertions. The app itself runs as the run-time login and never sees it.
   */
  pool: Pool;
  runner: ProjectionRunner;
  database: TestDatabase;
  /** Every line the app logged, for asserting that nothing personal was written. */
  logLines: string[];
  /** Number of ledger events of an org: unchanged after a refused write. */
  eventCount(orgId?: string): Promise<number>;
  close(): Promise<void>;
}

const ISSUER = 'ledger-test';
const AUDIENCE = 'ledger-api';

/** The services' HTTP app on a fresh database, with the projection runner live, for `app.inject`. */
export async function createHttpTestApp(options: {
  services: readonly ServiceDescriptor[];
  bodyLimit?: number;
  shared?: HttpAppOptions['shared'];
  /** Another token verifier (an identity provider's); `tokenFor` then issues tokens it refuses. */
  auth?: TokenVerifierOptions;
}): Promise<HttpTestApp> {
  const database = await createTestDatabase('http');
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({
    service: 'test',
    level: 'info',
    destination: sink as unknown as pino.DestinationStream,
  });
  const secret = randomBytes(32);
  const auth: TokenVerifierOptions = options.auth ?? {
    issuer: ISSUER,
    audience: AUDIENCE,
    key: secret,
    algorithms: ['HS256'],
  };
  const running = await startCore({
    databaseUrl: database.url,
    keyProvider: new LocalKeyProvider({ test: randomBytes(32) }),
    auth,
    projections: options.services.flatMap((s) => s.projections),
    services: options.services,
    logger,
    runnerPollMs: 50,
  });
  const owner = createPool({ connectionString: database.url, max: 4 });
  const app = await createHttpApp({
    core: running.core,
    services: options.services,
    logger,
    bodyLimit: options.bodyLimit,
    shared: options.shared,
  });
  return {
    app,
    ledger: running.core.ledger,
    pool: owner,
    runner: running.runner,
    database,
    logLines,
    async tokenFor(role, orgId = 'org-a', actor = `user-${role}`) {
      const token = await issueToken({ orgId, role, actor }, { issuer: ISSUER, audience: AUDIENCE, secret });
      return `Bearer ${token}`;
    },
    eventCount(orgId = 'org-a') {
      return countEvents(owner, orgId);
    },
    async close() {
      await app.close();
      await running.close();
      await owner.end();
      await database.drop();
    },
  };
}
