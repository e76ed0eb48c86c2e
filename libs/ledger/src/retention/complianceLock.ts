import type { PoolClient } from 'pg';

/**
 * Advisory lock namespaces (the first key of pg_advisory_xact_lock's two-key form; the second is
 * the org id's hash). Placing or releasing a hold and changing a retention class take the org's
 * HOLDS lock exclusively; shredding for retention or erasure takes it shared, then re-reads the
 * holds. So a hold placed while a shred runs waits for that shred's commit, and a shred that
 * starts after a hold committed sees it: no shred ever decides on holds another transaction is
 * changing. Shared holders do not wait for each other.
 */
const HOLDS_LOCK = 0x4c48;
/** Sweeps of one org run one batch at a time, whoever runs them. */
const SWEEP_LOCK = 0x4c53;

/** For placing or releasing a hold, or changing a retention class: excludes every shred of the org. */
export async function lockOrgHoldsExclusive(client: PoolClient, orgId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [HOLDS_LOCK, orgId]);
}

/** For shredding: the org's holds cannot change until the transaction ends. */
export async function lockOrgHoldsShared(client: PoolClient, orgId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [HOLDS_LOCK, orgId]);
}

export async function lockOrgSweep(client: PoolClient, orgId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SWEEP_LOCK, orgId]);
}
