import { Pool } from 'pg';
import { migrate, type NewEvent } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { ProjectionRegistry } from '../definition/projectionRegistry';
import { demoProjection } from '../examples/demo/demoProjection';
import { demoAccountEvents } from '../examples/demo/demoEvents';
import { loadProjectionMigrations } from '../schema/projectionMigrations';

export interface ProjectionTestContext extends LedgerTestContext {
  /** The projections' pool: owns the projection tables and may append audit events. */
  pool: Pool;
}

/** A migrated ledger plus the runner's tables and the given projections' tables. */
export async function createProjectionTestContext(
  definitions: readonly ProjectionDefinition[] = [demoProjection],
  extraSql: string[] = [],
  ledgerOptions: Parameters<typeof createLedgerTestContext>[0] = {},
): Promise<ProjectionTestContext> {
  const context = await createLedgerTestContext(ledgerOptions);
  await migrate(context.database.url, await loadProjectionMigrations(new ProjectionRegistry(definitions)));
  const pool = new Pool({ connectionString: context.database.url, max: 10 });
  for (const sql of extraSql) await pool.query(sql);
  return {
    ...context,
    pool,
    async close() {
      await pool.end();
      await context.close();
    },
  };
}

/** Appends example account streams to an org and waits until they are sequenced. */
export async function seedDemoOrg(
  context: LedgerTestContext,
  orgId: string,
  accounts: number,
  movements: number,
): Promise<void> {
  for (let account = 0; account < accounts; account++) {
    const events: NewEvent[] = demoAccountEvents(account, movements);
    await context.ledger.append({ orgId, streamId: `demo-acc-${account}`, expectedRevision: 'no_stream', events });
  }
  await context.ledger.sequencer.drain();
}

/** Every projection row and bookkeeping row of one org, as text: equal text means equal bytes. */
export async function snapshotOrg(pool: Pool, definition: ProjectionDefinition, orgId: string): Promise<string> {
  const parts: string[] = [];
  for (const table of definition.tables) {
    const { rows } = await pool.query<{ t: string }>(
      `SELECT t::text AS t FROM ${table.name} t WHERE org_id = $1 ORDER BY t::text`,
      [orgId],
    );
    parts.push(`${table.name}: ${rows.map((row) => row.t).join('\n')}`);
  }
  const bookkeeping = [
    `SELECT t::text AS t FROM projection_checkpoints t WHERE org_id = $1 ORDER BY t::text`,
    `SELECT t::text AS t FROM projection_state t WHERE org_id = $1 ORDER BY t::text`,
  ];
  for (const sql of bookkeeping) {
    const { rows } = await pool.query<{ t: string }>(sql, [orgId]);
    parts.push(rows.map((row) => row.t).join('\n'));
  }
  return parts.join('\n---\n');
}
