// A runner in its own process, for the crash test: it projects one org with small batches and,
// inside the batch holding `KILL_AT_SEQ`, writes some rows, says so, and waits to be killed.
import { Pool } from 'pg';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { demoProjection } from '../examples/demo/demoProjection';
import { ProjectionRunner } from '../runner/projectionRunner';

const killAt = Number(process.env.KILL_AT_SEQ);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const deposit = demoProjection.handlers.DemoFundsDeposited;
const definition: ProjectionDefinition = {
  ...demoProjection,
  handlers: {
    ...demoProjection.handlers,
    DemoFundsDeposited: async (event, tx) => {
      await deposit(event, tx);
      if (event.orgSeq !== killAt) return;
      await tx.query('SELECT 1'); // flushes this batch's rows into the open transaction
      process.stdout.write('mid-batch\n');
      await new Promise(() => undefined);
    },
  },
};
new ProjectionRunner(pool, [definition], { batchSize: Number(process.env.BATCH_SIZE), pollMs: 50 }).start();
