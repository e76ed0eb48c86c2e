import type { ProjectionDefinition, ProjectionEvent } from '../../definition/projectionDefinition';
import type { ProjectionTx } from '../../write/projectionTx';

/**
 * An example projection over example `demo-…` account streams: three tables, upserts and
 * increments, for this library's tests and `bench:rebuild`. No service runs it, so the on-call
 * CLI does not list it: there it would only show as orgs stuck at `new`.
 */
export const DEMO_PROJECTION_NAME = 'demo.accounts';

function amountOf(event: ProjectionEvent): number {
  const amount = event.data.amount;
  if (typeof amount !== 'number' || !Number.isInteger(amount)) throw new TypeError('amount must be an integer');
  return amount;
}

function move(event: ProjectionEvent, tx: ProjectionTx, signed: number): void {
  const accountId = String(event.data.accountId);
  tx.increment('demo_accounts', { account_id: accountId }, { balance: signed, movements: 1 });
  tx.upsert('demo_accounts', { account_id: accountId, last_seq: event.orgSeq });
  const flow: Record<string, number> =
    signed >= 0 ? { inflow: signed, movements: 1 } : { outflow: -signed, movements: 1 };
  tx.increment('demo_daily_flows', { account_id: accountId, day: String(event.data.day) }, flow);
  tx.increment('demo_org_totals', { scope: 'org' }, { total_balance: signed, movements: 1 });
}

export const demoProjection: ProjectionDefinition = {
  name: DEMO_PROJECTION_NAME,
  version: 1,
  prefix: 'demo_',
  tables: [
    {
      name: 'demo_accounts',
      key: { account_id: 'text' },
      columns: { product: 'text', status: 'text', balance: 'bigint', movements: 'bigint', last_seq: 'bigint' },
      // Counters start from zero for increments; last_seq is -1 until the account's first event.
      notNull: ['balance', 'movements', 'last_seq'],
      defaults: { balance: 0, movements: 0, last_seq: -1 },
    },
    {
      name: 'demo_daily_flows',
      key: { account_id: 'text', day: 'date' },
      columns: { inflow: 'bigint', outflow: 'bigint', movements: 'bigint' },
      notNull: ['inflow', 'outflow', 'movements'],
      defaults: { inflow: 0, outflow: 0, movements: 0 },
    },
    {
      name: 'demo_org_totals',
      key: { scope: 'text' },
      columns: { open_accounts: 'bigint', total_balance: 'bigint', movements: 'bigint' },
      notNull: ['open_accounts', 'total_balance', 'movements'],
      defaults: { open_accounts: 0, total_balance: 0, movements: 0 },
    },
  ],
  handlers: {
    DemoAccountOpened: (event, tx) => {
      const accountId = String(event.data.accountId);
      tx.upsert('demo_accounts', {
        account_id: accountId,
        product: String(event.data.product),
        status: 'open',
        last_seq: event.orgSeq,
      });
      tx.increment('demo_org_totals', { scope: 'org' }, { open_accounts: 1 });
    },
    DemoFundsDeposited: (event, tx) => move(event, tx, amountOf(event)),
    DemoFundsWithdrawn: (event, tx) => move(event, tx, -amountOf(event)),
    DemoAccountClosed: (event, tx) => {
      tx.upsert('demo_accounts', {
        account_id: String(event.data.accountId),
        status: 'closed',
        last_seq: event.orgSeq,
      });
      tx.increment('demo_org_totals', { scope: 'org' }, { open_accounts: -1 });
    },
  },
};
