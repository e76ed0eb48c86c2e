import type { ProjectionDefinition } from '../definition/projectionDefinition';

/** The org a stray handler writes into, whatever org it runs for. */
export const STRAY_VICTIM_ORG = 'org-victim';

/**
 * A projection with deliberate handler bugs, to show what confines a handler: `Looked` counts
 * another org's projection rows, events and runner state with queries that forget their org
 * filter; `Planted` writes a row into another org.
 */
export const strayProjection: ProjectionDefinition = {
  name: 'demo.stray',
  version: 1,
  prefix: 'demo_',
  tables: [
    {
      name: 'demo_stray',
      key: { note_id: 'text' },
      columns: { foreign_rows: 'bigint', foreign_events: 'bigint', foreign_states: 'bigint' },
    },
  ],
  handlers: {
    Looked: async (event, tx) => {
      const count = async (sql: string) => Number((await tx.query<{ n: string }>(sql, [event.orgId]))[0].n);
      tx.upsert('demo_stray', {
        note_id: event.eventId,
        foreign_rows: await count('SELECT count(*) AS n FROM demo_stray WHERE org_id <> $1'),
        foreign_events: await count('SELECT count(*) AS n FROM ledger_events WHERE org_id <> $1'),
        foreign_states: await count('SELECT count(*) AS n FROM projection_state WHERE org_id <> $1'),
      });
    },
    Planted: async (_event, tx) => {
      await tx.query(`INSERT INTO demo_stray (org_id, generation, note_id) VALUES ($1, 1, 'planted')`, [
        STRAY_VICTIM_ORG,
      ]);
    },
  },
};
