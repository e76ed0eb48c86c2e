/**
 * The server side of bench:http, in its own process so the load generator does not share its
 * event loop: the single-node app and, on a second port, a bare Fastify route running the
 * same SELECT as Evidence.List. Prints one JSON line with the ports and a token, then serves
 * until stdin closes.
 */
import { randomBytes } from 'node:crypto';
import fastify from 'fastify';
import pino from 'pino';
import { Pool } from 'pg';
import { createHttpApp } from '@ledger/http';
import { startCore } from '@ledger/host';
import { LocalKeyProvider } from '@ledger/ledger';
import { createLogger } from '@ledger/observability';
import { issueToken } from '@ledger/tenancy';
import { apiClient } from '../src/demo/apiClient';
import { DEMO_ORG } from '../src/demo/demoHousehold';
import { seedDemo } from '../src/demo/seedDemo';
import { EVIDENCE_PROJECTION_NAME, evidenceListSql } from '@ledger/evidence';
import { SERVICES } from '@ledger/registry';

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is required');
  const secret = randomBytes(32);
  const auth = { issuer: 'bench', audience: 'ledger-api', key: secret, algorithms: ['HS256'] };
  // stdout carries the one JSON line the bench reads; logs go to stderr.
  const logger = createLogger({ service: 'bench', level: 'warn', destination: pino.destination(2) });
  const running = await startCore({
    databaseUrl,
    keyProvider: new LocalKeyProvider({ bench: randomBytes(32) }),
    auth,
    projections: SERVICES.flatMap((s) => s.projections),
    logger,
  });
  const app = await createHttpApp({ core: running.core, services: SERVICES, logger });
  const token = await issueToken(
    { orgId: DEMO_ORG, role: 'advisor', actor: 'bench-advisor' },
    { issuer: 'bench', audience: 'ledger-api', secret },
  );
  const seeded = await seedDemo(apiClient(app, `Bearer ${token}`));
  await app.listen({ port: 0, host: '127.0.0.1' });

  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  // The very statement Evidence.List runs for an entity (generation, existence and page in one).
  const evidenceSelect = evidenceListSql('entityId');
  const bare = fastify();
  bare.get('/evidence', async (request) => {
    const { entityId } = request.query as { entityId: string };
    const { rows } = await pool.query(evidenceSelect, [DEMO_ORG, EVIDENCE_PROJECTION_NAME, entityId, -1, -1, 51]);
    return { items: rows };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });

  const portOf = (address: ReturnType<typeof bare.server.address>) =>
    typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(
    `${JSON.stringify({ appPort: portOf(app.getHttpServer().address()), barePort: portOf(bare.server.address()), token, spanId: seeded.spans.marenEmail })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => {
    void (async () => {
      await bare.close();
      await pool.end();
      await app.close();
      await running.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
