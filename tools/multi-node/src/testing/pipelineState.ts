import { Pool } from 'pg';
import { EVENT_CATALOG, type EventService } from '@ledger/contracts';
import { ledgerReads } from '@ledger/ledger';
import { serviceNamed } from '@ledger/registry';

/** The event types a service's consumer receives: those of the services it follows. */
export function followedTypes(service: string): string[] {
  return serviceNamed(service).follows.flatMap((followed) => [...EVENT_CATALOG[followed as EventService]]);
}

export interface InboxState {
  /** Events of the followed services in the ledger, for the org. */
  published: number;
  /** Rows of the service's inbox for the org: each event id at most once (primary key). */
  received: number;
}

/** How far one consuming service has come with one org, read from the database. */
export async function inboxState(databaseUrl: string, service: string, orgId: string): Promise<InboxState> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const table = `${serviceNamed(service).prefix}inbox`;
    const published = await ledgerReads(pool).countEvents(orgId, { types: followedTypes(service) });
    const { rows } = await pool.query<{ received: string }>(
      `SELECT count(*) AS received FROM ${table} WHERE org_id = $1`,
      [orgId],
    );
    return { published, received: Number(rows[0].received) };
  } finally {
    await pool.end();
  }
}

/** Waits until the service has received every followed event of the org that is in the ledger. */
export async function waitUntilCaughtUp(
  databaseUrl: string,
  service: string,
  orgId: string,
  timeoutMs = 30_000,
): Promise<InboxState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await inboxState(databaseUrl, service, orgId);
    if (state.received === state.published && state.published > 0) return state;
    if (Date.now() > deadline) {
      throw new Error(`${service} did not catch up: ${state.received} of ${state.published} events received`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
