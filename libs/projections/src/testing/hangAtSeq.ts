import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { demoProjection } from '../examples/demo/demoProjection';

/**
 * The demo projection, except that inside the batch holding org_seq `killAt` it writes some
 * rows, prints `marker` so the test knows, and waits forever to be killed.
 */
export function demoHangingAt(killAt: number, marker: string): ProjectionDefinition {
  const deposit = demoProjection.handlers.DemoFundsDeposited;
  return {
    ...demoProjection,
    handlers: {
      ...demoProjection.handlers,
      DemoFundsDeposited: async (event, tx) => {
        await deposit(event, tx);
        if (event.orgSeq !== killAt) return;
        await tx.query('SELECT 1'); // flushes this batch's rows into the open transaction
        process.stdout.write(`${marker}\n`);
        await new Promise(() => undefined);
      },
    },
  };
}
