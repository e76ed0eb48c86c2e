// A rebuild in its own process, for the crash test: inside the batch holding `KILL_AT_SEQ` it
// writes some rows of the new generation, says so, and waits to be killed.
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Ledger, LocalKeyProvider } from '@ledger/ledger';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { demoProjection } from '../examples/demo/demoProjection';
import { rebuildOrg } from '../rebuild/rebuildOrg';

const killAt = Number(process.env.KILL_AT_SEQ);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const ledger = new Ledger({ pool, keyProvider: new LocalKeyProvider({ k: randomBytes(32) }), runSequencer: false });
const deposit = demoProjection.handlers.DemoFundsDeposited;
const definition: ProjectionDefinition = {
  ...demoProjection,
  handlers: {
    ...demoProjection.handlers,
    DemoFundsDeposited: async (event, tx) => {
      await deposit(event, tx);
      if (event.orgSeq !== killAt) return;
      await tx.query('SELECT 1'); // flushes this batch's rows into the open transaction
      process.stdout.write('mid-rebuild\n');
      await new Promise(() => undefined);
    },
  },
};
void rebuildOrg({ pool, ledger }, definition, String(process.env.ORG_ID), { actor: 'crash-test', batchSize: 50 });
