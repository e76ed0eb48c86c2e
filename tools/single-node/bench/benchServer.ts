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
import { createHttpApp, startCore } from '@ledger/http';
import { LocalKeyProvider } from '@ledger/ledger';
import { createLogger } from '@ledger/observability';
import { activeGeneration } from '@ledger/projections';
import { issueToken } from '@ledger/tenancy';
import { apiClient } from '../src/demo/apiClient';
import { DEMO_ORG } from '../src/demo/demoHousehold';
import { seedDemo } from '../src/demo/seedDemo';
import { EVIDENCE_PROJECTION_NAME } from '@ledger/evidence';
import { ALL_SERVICES } from '../src/services';

/** Evidence.List's item query for an entity, as services/evidence runs it. */
const EVIDENCE_SELECT = `SELECT i.kind, i.org_seq, i.ordinal, i.document_id, i.document_version_id, i.start_char, i.end_char,
       i.span_id, i.mention_id, i.claim_id, i.bullet_id, v.event_id
  FROM evidence_items i
  JOIN evidence_document_versions v
    ON v.org_id = i.org_id AND v.generation = i.generation
   AND v.document_version_id = i.document_version_id AND v.document_id = i.document_id
 WHERE i.org_id = $1 AND i.generation = $2 AND i.kind IN ('mention', 'relation') AND i.active
   AND (i.entity_id = $3 OR i.object_entity_id = $3)
   AND (i.org_seq, i.ordinal) > ($4::bigint, $5::integer)
 ORDER BY i.org_seq, i.ordinal
 LIMIT $6`;

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
    projections: ALL_SERVICES.flatMap((s) => s.projections),
    logger,
  });
  const app = await createHttpApp({ core: running.core, services: ALL_SERVICES, logger });
  const token = await issueToken(
    { orgId: DEMO_ORG, role: 'advisor', actor: 'bench-advisor' },
    { issuer: 'bench', audience: 'ledger-api', secret },
  );
  const seeded = await seedDemo(apiClient(app, `Bearer ${token}`));
  await app.listen({ port: 0, host: '127.0.0.1' });

  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const generation = await activeGeneration(pool, EVIDENCE_PROJECTION_NAME, DEMO_ORG);
  const bare = fastify();
  bare.get('/evidence', async (request) => {
    const { entityId } = request.query as { entityId: string };
    const { rows } = await pool.query(EVIDENCE_SELECT, [DEMO_ORG, generation, entityId, -1, -1, 51]);
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
