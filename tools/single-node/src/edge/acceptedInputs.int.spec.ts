import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { buildOpenApi } from '@ledger/contracts';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { SERVICES } from '@ledger/registry';
import {
  count,
  describeTally,
  newTally,
  send,
  stoppedProjections,
  type RouteTally,
  type WriteRequest,
} from './edgeTestKit';
import { MAIN_ACCOUNT, writeRequests, type Pools } from './writeRequests';

/**
 * No accepted input can stop a projection: for every write route, requests its schema accepts
 * (awkward text, edge numbers and dates, ids known and unknown) go through the real HTTP app on
 * PostgreSQL, and every projection of every service must apply all that was appended.
 * Deterministic: a fixed seed (LEDGER_EDGE_SEED to change it; fast-check prints it on failure).
 */
const SEED = Number(process.env.LEDGER_EDGE_SEED ?? 17_2026);
const PER_ROUTE = Number(process.env.LEDGER_EDGE_REQUESTS ?? 2_000);
/** Requests in flight at once: enough for the ledger's group commit to batch them. */
const BATCH = Number(process.env.LEDGER_EDGE_BATCH ?? 250);

/** Routes in an order where each finds what it refers to: documents before spans, spans before claims. */
const ORDER = [
  // Exports first, while the org is small: a bundle holds every event of its range.
  'POST /v1/audit/exports',
  // Ingests before the account registrations: each ingest reads the org's accounts (C-06).
  'POST /v1/documents/ingest',
  'POST /v1/spans',
  'POST /v1/entities',
  'POST /v1/entities/{entityId}/mentions',
  'POST /v1/claims',
  'POST /v1/claims/{claimId}/supersede',
  'POST /v1/entities/{entityId}/mentions/{mentionId}/retract',
  'POST /v1/claims/{claimId}/retract',
  'POST /v1/briefs',
  'DELETE /v1/documents/{documentId}',
  'POST /v1/provider-accounts',
  'PATCH /v1/provider-accounts/{accountId}',
  'POST /v1/audit/projections/{name}/rebuild',
  'POST /v1/audit/projections/{name}/resume',
  'POST /v1/audit/projections/{name}/skip',
  'PUT /v1/audit/retention/classes/{category}',
  'POST /v1/audit/holds',
  'DELETE /v1/audit/holds/{holdId}',
  'POST /v1/audit/erasures',
  'POST /v1/audit/erasures/apply-due',
];

function documentedWriteRoutes(): string[] {
  const paths = buildOpenApi(SERVICES.map((service) => service.registerRoutes)).paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item as object)
      .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** What a successful answer adds to the pools later routes draw from. */
function remember(pools: Pools, route: string, request: WriteRequest, response: LightMyRequestResponse): void {
  if (response.statusCode >= 300 || route === 'POST /v1/audit/exports') return;
  const body = response.json() as Record<string, unknown>;
  const sent = (request.payload ?? {}) as Record<string, unknown>;
  switch (route) {
    case 'POST /v1/provider-accounts':
      pools.accounts.push(String(body.id));
      break;
    case 'POST /v1/documents/ingest':
      if (!pools.documents.includes(String(body.documentId))) pools.documents.push(String(body.documentId));
      if (body.newVersion === true)
        pools.versions.set(String(body.documentVersionId), {
          documentId: String(body.documentId),
          content: String(sent.body),
        });
      break;
    case 'POST /v1/spans':
      pools.spans.push(String(body.spanId));
      break;
    case 'POST /v1/entities':
      pools.entities.set(String(body.entityId), String(body.kind));
      break;
    case 'POST /v1/audit/holds':
      pools.holds.push(String(body.holdId));
      break;
    case 'POST /v1/entities/{entityId}/mentions':
      pools.mentions.push({ entityId: String(body.entityId), mentionId: String(body.mentionId) });
      break;
    case 'POST /v1/claims':
      pools.claims.push({ claimId: String(body.claimId), subjectEntityId: String(sent.subjectEntityId) });
      break;
    case 'POST /v1/claims/{claimId}/supersede': {
      const replacement = body.replacement as { claimId: string };
      const subject = (sent.replacement as { subjectEntityId?: string }).subjectEntityId;
      const superseded = pools.claims.find((claim) => request.url.includes(`/${encodeURIComponent(claim.claimId)}/`));
      pools.claims.push({
        claimId: replacement.claimId,
        subjectEntityId: subject ?? superseded?.subjectEntityId ?? '',
      });
      break;
    }
  }
}

describe('accepted input never stops a projection (fast-check, every write route)', () => {
  let t: HttpTestApp;
  let build: ReturnType<typeof writeRequests>;
  const tallies: RouteTally[] = [];
  const pools: Pools = {
    accounts: [],
    versions: new Map(),
    documents: [],
    spans: [],
    entities: new Map(),
    mentions: [],
    claims: [],
    holds: [],
  };

  beforeAll(async () => {
    t = await createHttpTestApp({ services: SERVICES });
    const tokens = {
      advisor: await t.tokenFor('advisor', 'org-gen', 'gen-advisor'),
      operator: await t.tokenFor('operator', 'org-gen', 'gen-operator'),
      compliance: await t.tokenFor('compliance', 'org-gen', 'gen-compliance'),
      exporters: await Promise.all(
        Array.from({ length: 16 }, (_, i) => t.tokenFor('compliance', `org-exports-${i}`, 'gen-compliance')),
      ),
    };
    // The main account, and a few for ingests to name before the registrations are generated.
    for (const id of [MAIN_ACCOUNT, 'acct-2', 'acct-3', 'acct-4']) {
      const account = await send(t, 'POST', '/v1/provider-accounts', tokens.advisor, {
        id,
        provider: 'gmail',
        label: id,
      });
      expect(account.statusCode).toBe(201);
      if (id !== MAIN_ACCOUNT) pools.accounts.push(id);
    }
    const projections = SERVICES.flatMap((service) => service.projections.map((projection) => projection.name));
    build = writeRequests(pools, tokens, projections);
  });
  afterAll(async () => {
    // The counts the closing report quotes, one line per route.
    console.log(`accepted-input run, seed ${SEED}:\n${tallies.map(describeTally).join('\n')}`);
    await t.close();
  });

  it('covers every write route the OpenAPI document lists', () => {
    expect([...ORDER].sort()).toEqual(documentedWriteRoutes().sort());
    expect(Object.keys(build).sort()).toEqual([...ORDER].sort());
  });

  it.each(ORDER)(
    '%s: every generated request is accepted by the edge, none is a 5xx, and every projection applies what it wrote',
    async (route) => {
      const tally = newTally(route);
      const started = Date.now();
      tallies.push(tally);
      const batches = fc.array(build[route](), { minLength: BATCH, maxLength: BATCH });
      await fc.assert(
        fc.asyncProperty(batches, async (requests) => {
          const responses = await Promise.all(
            requests.map((request) => send(t, request.method, request.url, request.token, request.payload)),
          );
          responses.forEach((response, i) => {
            count(tally, response);
            remember(pools, route, requests[i], response);
          });
          // The edge's own refusal (REQUEST.INVALID_INPUT) would mean the generator left the schema.
          const refused = responses.findIndex(
            (response) =>
              response.statusCode >= 500 ||
              (response.statusCode >= 400 && response.json<{ code?: string }>().code === 'REQUEST.INVALID_INPUT'),
          );
          if (refused >= 0) {
            throw new Error(
              `${route} answered ${responses[refused].statusCode} ${responses[refused].body.slice(0, 400)} ` +
                `to ${JSON.stringify(requests[refused])}; logged: ` +
                t.logLines
                  .filter((line) => line.includes(responses[refused].headers['x-request-id'] as string))
                  .join('\n'),
            );
          }
        }),
        { seed: SEED + ORDER.indexOf(route), numRuns: Math.ceil(PER_ROUTE / BATCH), endOnFailure: true },
      );
      expect({ route, seed: SEED, stopped: await stoppedProjections(t) }).toEqual({ route, seed: SEED, stopped: [] });
      tally.seconds = (Date.now() - started) / 1000;
      expect(tally.sent).toBeGreaterThanOrEqual(PER_ROUTE);
    },
    300_000,
  );
});
