import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { rebuildOrg, type RebuildDeps, type RebuildOptions, type RebuildResult } from './rebuildOrg';

/** Orgs whose active generation was built by an older version of the projection. */
export async function outdatedOrgs(deps: RebuildDeps, definition: ProjectionDefinition): Promise<string[]> {
  const { rows } = await deps.pool.query<{ org_id: string }>(
    'SELECT org_id FROM projection_state WHERE projection = $1 AND version < $2 ORDER BY org_id',
    [definition.name, definition.version],
  );
  return rows.map((row) => row.org_id);
}

/**
 * After a version bump: rebuilds every outdated org, one at a time, so the database carries
 * at most one extra generation and every other org keeps serving its live one meanwhile.
 */
export async function rebuildOutdated(
  deps: RebuildDeps,
  definition: ProjectionDefinition,
  options: RebuildOptions & { onOrgDone?: (result: RebuildResult) => void },
): Promise<RebuildResult[]> {
  const results: RebuildResult[] = [];
  for (const orgId of await outdatedOrgs(deps, definition)) {
    if (options.signal?.aborted) break;
    const result = await rebuildOrg(deps, definition, orgId, options);
    results.push(result);
    options.onOrgDone?.(result);
  }
  return results;
}
