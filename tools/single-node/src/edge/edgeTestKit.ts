import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { HttpTestApp } from '@ledger/host/testing';
import { projectionStatus, type OrgStatus } from '@ledger/projections';
import { SERVICES } from '@ledger/registry';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request through the app; a string payload is sent verbatim. */
export function send(
  t: HttpTestApp,
  method: Method,
  url: string,
  token: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { authorization: token };
  const request: InjectOptions = { method, url, headers };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    request.payload = typeof payload === 'string' ? payload : JSON.stringify(payload);
  }
  return t.app.inject(request);
}

/** Every projection of every service, for every org it follows, where it stands now. */
export async function allProjectionStatuses(t: HttpTestApp): Promise<OrgStatus[]> {
  const definitions = SERVICES.flatMap((service) => service.projections);
  const statuses = await Promise.all(definitions.map((definition) => projectionStatus(t.pool, definition)));
  return statuses.flat();
}

/**
 * Projections that failed, or that have not reached their head within `timeoutMs` (the live
 * runner applies; nothing here applies on its own, so the runner is what is tested).
 */
export async function stoppedProjections(t: HttpTestApp, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await allProjectionStatuses(t);
    const failed = statuses.filter((status) => status.status === 'failed');
    const behind = statuses.filter((status) => status.checkpoint < status.head);
    if (failed.length > 0 || behind.length === 0 || Date.now() > deadline) {
      return [...failed, ...behind].map(
        (status) =>
          `${status.projection}@${status.orgId}: ${status.status} at ${status.checkpoint}/${status.head}` +
          (status.failure ? ` (${status.failure.eventType}: ${status.failure.error})` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface WriteRequest {
  method: Method;
  url: string;
  token: string;
  payload?: unknown;
}

/** What one route answered to the generated requests: counts by status and by problem code. */
export interface RouteTally {
  route: string;
  sent: number;
  byStatus: Record<number, number>;
  byCode: Record<string, number>;
  /** Wall time of the route's run, projections caught up included. */
  seconds?: number;
}

export function newTally(route: string): RouteTally {
  return { route, sent: 0, byStatus: {}, byCode: {} };
}

export function count(tally: RouteTally, response: LightMyRequestResponse): void {
  tally.sent += 1;
  tally.byStatus[response.statusCode] = (tally.byStatus[response.statusCode] ?? 0) + 1;
  if (response.statusCode >= 400) {
    const code = String((response.json() as { code?: unknown }).code);
    tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
  }
}

/** `2xx: n, 404: n (CODE n, …)`, for the printed report. */
export function describeTally(tally: RouteTally): string {
  const statuses = Object.entries(tally.byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  const codes = Object.entries(tally.byCode)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const took = tally.seconds === undefined ? '' : ` (${tally.seconds.toFixed(1)} s)`;
  return `${tally.route} sent ${tally.sent}${took}; ${statuses}${codes ? `; ${codes}` : ''}`;
}
