import { Client } from 'pg';
import { EVENT_CATALOG, type EventService } from '@ledger/contracts';
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
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = `${serviceNamed(service).prefix}inbox`;
    const { rows } = await client.query<{ published: string; received: string }>(
      `SELECT (SELECT count(*) FROM ledger_events WHERE org_id = $1 AND type = ANY($2)) AS published,
              (SELECT count(*) FROM ${table} WHERE org_id = $1) AS received`,
      [orgId, followedTypes(service)],
    );
    return { published: Number(rows[0].published), received: Number(rows[0].received) };
  } finally {
    await client.end();
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
