import { randomUUID } from 'node:crypto';
import {
  eraseWithCertificate,
  type ErasureCertificate,
  type EventMetadata,
  type Ledger,
  type RecordedEvent,
  type SigningKeyProvider,
  type TreeHeadPublisher,
} from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { Pool } from 'pg';
import { auditError } from '../auditError';
import { ClientStreamFinder } from './clientStreams';
import {
  ERASURE_REQUESTED,
  erasureCarriedOutEvent,
  erasureRequestedEvent,
  erasureStreamId,
  foldErasure,
  pendingStreams,
  type ErasureRequest,
  type ErasureState,
} from './erasureEvents';
import { decide, type ErasureGuard, type StreamDecision } from './erasureGuard';
import { countErased, countRefused } from './erasureMetrics';
import { erasureView, type ErasureView } from './erasureView';

export interface ErasureDeps {
  /** Reads the org, appends the request's events and destroys data keys. */
  ledger: Ledger;
  /** Signs and stores the tree heads around each erasure. */
  pool: Pool;
  signingKeys: SigningKeyProvider;
  /** The process's tree-head publisher (checked against the published heads), when it has one. */
  treeHeads?: TreeHeadPublisher;
  guard: ErasureGuard;
  /** The clock that decides what is due (tests move it); keys and heads are signed at the real time. */
  now?: () => Date;
}

/** The actor a carrying-out not asked for by a person (the sweeper, `ledger erasure apply-due`) records. */
export const ERASURE_SWEEPER_ACTOR = 'erasure-sweeper';

const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The right to erasure for a client entity: finds every stream holding its personal data,
 * records the request with what retention or a hold keeps (and the legal basis, and when it is
 * due), then destroys the keys of every stream nothing covers, with a signed certificate.
 */
export async function requestErasure(
  deps: ErasureDeps,
  ctx: RequestContext,
  input: { entityId: string },
): Promise<ErasureView> {
  if (typeof input.entityId !== 'string' || !ENTITY_ID.test(input.entityId)) {
    throw auditError('AUDIT.INVALID_FIELD', 'entityId', `must match ${ENTITY_ID.source}`);
  }
  const at = (deps.now ?? (() => new Date()))();
  const streams = await clientStreams(deps.ledger, ctx.orgId, input.entityId);
  const decisions: StreamDecision[] = [];
  for (const streamId of streams) decisions.push(await decide(deps.guard, ctx.orgId, streamId, at));
  const request: ErasureRequest = {
    requestId: randomUUID(),
    entityId: input.entityId,
    requestedAt: at.toISOString(),
    streams: decisions,
    dueAt: dueAt(decisions),
  };
  for (const decision of decisions) {
    if (decision.decision !== 'erase') countRefused(decision.decision === 'hold' ? 'hold' : 'retention');
  }
  await deps.ledger.append({
    orgId: ctx.orgId,
    streamId: erasureStreamId(request.requestId),
    expectedRevision: 'no_stream',
    events: [{ ...erasureRequestedEvent(request), metadata: eventMetadata(ctx) }],
  });
  let state: ErasureState = { request, carriedOut: [], revision: 0 };
  const now = decisions.filter((d) => d.decision === 'erase').map((d) => d.streamId);
  if (now.length > 0) state = await carryOut(deps, ctx.orgId, state, now, at, eventMetadata(ctx), 'request');
  return erasureView(state);
}

/** The request as recorded, with its certificates; another org's request is not found. */
export async function readErasure(
  deps: Pick<ErasureDeps, 'ledger'>,
  ctx: RequestContext,
  requestId: string,
): Promise<ErasureState> {
  const state = REQUEST_ID.test(requestId) ? await loadErasure(deps.ledger, ctx.orgId, requestId) : null;
  if (!state) throw auditError('AUDIT.ERASURE_NOT_FOUND', 'requestId', 'no erasure request with this id in the org');
  return state;
}

export interface CarriedOutErasure {
  readonly requestId: string;
  readonly certificate: ErasureCertificate;
}

/**
 * Carries out the org's erasures that have come due at `now`: each pending stream of each
 * request that neither retention nor a hold covers any more has its key destroyed, one signed
 * certificate per request. What the sweeper calls; `ledger erasure apply-due` and
 * `POST /v1/audit/erasures/apply-due` call it too.
 */
export async function carryOutDueErasures(
  deps: ErasureDeps,
  orgId: string,
  now: Date,
  metadata: EventMetadata = { actor: ERASURE_SWEEPER_ACTOR },
): Promise<CarriedOutErasure[]> {
  const done: CarriedOutErasure[] = [];
  for (const requestId of await erasureRequestIds(deps.ledger, orgId)) {
    const state = await loadErasure(deps.ledger, orgId, requestId);
    if (!state) continue;
    const due: string[] = [];
    for (const pending of pendingStreams(state)) {
      if ((await decide(deps.guard, orgId, pending.streamId, now)).decision === 'erase') due.push(pending.streamId);
    }
    if (due.length === 0) continue;
    const after = await carryOut(deps, orgId, state, due, now, metadata, 'due');
    if (after !== state)
      done.push({ requestId, certificate: after.carriedOut[after.carriedOut.length - 1].certificate });
  }
  return done;
}

async function carryOut(
  deps: ErasureDeps,
  orgId: string,
  state: ErasureState,
  streamIds: readonly string[],
  at: Date,
  metadata: EventMetadata,
  trigger: 'request' | 'due',
): Promise<ErasureState> {
  const { requestId, entityId } = state.request;
  const { certificate } = await eraseWithCertificate({
    pool: deps.pool,
    keys: deps.signingKeys,
    publisher: deps.treeHeads,
    orgId,
    requestId,
    entityId,
    streamIds,
    destroy: (org, ids) => deps.ledger.eraseStreams(org, ids),
  });
  // A hold placed since the decision kept every stream: they stay pending, nothing is recorded.
  if (!certificate) return state;
  countErased(certificate.streams.length, trigger);
  const carried = { requestId, carriedOutAt: at.toISOString(), certificate };
  // After its revision: two runs racing on one request record one carrying-out, the later is
  // refused as a version conflict; each key was destroyed once, under the rows' lock.
  await deps.ledger.append({
    orgId,
    streamId: erasureStreamId(requestId),
    expectedRevision: state.revision,
    events: [{ ...erasureCarriedOutEvent(carried), metadata }],
  });
  return { ...state, carriedOut: [...state.carriedOut, carried], revision: state.revision + 1 };
}

async function clientStreams(ledger: Ledger, orgId: string, entityId: string): Promise<string[]> {
  const finder = new ClientStreamFinder(entityId);
  for await (const event of ledger.readOrg(orgId)) finder.add(event);
  if (!finder.entityFound)
    throw auditError('AUDIT.ENTITY_NOT_FOUND', 'entityId', 'no client entity with this id in the org');
  return finder.result();
}

async function erasureRequestIds(ledger: Ledger, orgId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const event of ledger.readOrg(orgId)) {
    if (event.type === ERASURE_REQUESTED && typeof event.data.requestId === 'string') ids.push(event.data.requestId);
  }
  return ids;
}

async function loadErasure(ledger: Ledger, orgId: string, requestId: string): Promise<ErasureState | null> {
  const events: RecordedEvent[] = [];
  for await (const event of ledger.readStream(orgId, erasureStreamId(requestId))) events.push(event);
  return foldErasure(events);
}

/** The end of the latest retention among refused streams; null when nothing waits or a hold has no end. */
function dueAt(decisions: readonly StreamDecision[]): string | null {
  if (decisions.some((d) => d.decision === 'hold')) return null;
  const ends = decisions.flatMap((d) => (d.decision === 'retain' ? [d.retainedUntil] : [])).sort();
  return ends.length === 0 ? null : ends[ends.length - 1];
}
