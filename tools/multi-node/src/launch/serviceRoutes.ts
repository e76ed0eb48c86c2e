import type { ServiceName } from '@ledger/http';

/** Which service answers a path in multi-node, where each listens on its own port. */
const ROUTES: ReadonlyArray<readonly [prefix: string, service: ServiceName]> = [
  ['/v1/provider-accounts', 'evidence'],
  ['/v1/documents', 'evidence'],
  ['/v1/threads', 'evidence'],
  ['/v1/spans', 'evidence'],
  ['/v1/evidence', 'evidence'],
  ['/v1/entities', 'claims'],
  ['/v1/claims', 'claims'],
  ['/v1/briefs', 'meeting-prep'],
  ['/v1/audit', 'audit'],
];

export function serviceForPath(path: string): ServiceName {
  const route = ROUTES.find(
    ([prefix]) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
  );
  if (!route) throw new Error(`no service serves ${path}`);
  return route[1];
}
