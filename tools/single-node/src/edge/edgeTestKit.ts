import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { HttpTestApp } from '@ledger/host/testing';
import { projectionStatus, type OrgStatus } from '@ledger/projections';
import { SERVICES } from '@ledger/registry';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

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

/** Projections of an org that failed, or that stand behind their head once drained. */
export async function stoppedProjections(t: HttpTestApp): Promise<string[]> {
  await t.runner.drain();
  return (await allProjectionStatuses(t))
    .filter((status) => status.status === 'failed' || status.checkpoint < status.head)
    .map((status) => `${status.projection}@${status.orgId}: ${status.status} ${status.checkpoint}/${status.head}`);
}
