import { AsyncLocalStorage } from 'node:async_hooks';

/** The per-transaction (or per checked-out connection) setting every org policy compares `org_id` with. */
export const ORG_SETTING = 'app.org_id';

const scope = new AsyncLocalStorage<string>();

/**
 * Runs `work` with `orgId` as the org of every connection an org-scoped pool hands out inside it
 * (the HTTP layer runs each request's handler so, with the verified token's org).
 */
export function runInOrg<T>(orgId: string, work: () => T): T {
  return scope.run(orgId, work);
}

/** The org of the current asynchronous context, if one was entered with `runInOrg`. */
export function currentOrg(): string | undefined {
  return scope.getStore();
}
