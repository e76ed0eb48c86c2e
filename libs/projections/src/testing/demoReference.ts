import type { Pool } from 'pg';
import type { ProjectionEvent } from '../definition/projectionDefinition';
import { readOrgRange } from '../store/readOrgRange';

/** The demo projection's tables as plain sorted rows, for comparing with a reference fold. */
export interface DemoRows {
  accounts: string[];
  flows: string[];
  totals: string[];
}

interface Account {
  product: string | null;
  status: string | null;
  balance: number;
  movements: number;
  lastSeq: number;
}

/** A naive fold of the events, written independently of the handlers, as the expected state. */
export function expectedDemoRows(events: readonly ProjectionEvent[]): DemoRows {
  const accounts = new Map<string, Account>();
  const flows = new Map<string, { inflow: number; outflow: number; movements: number }>();
  const totals = { open: 0, balance: 0, movements: 0 };
  const account = (id: string) =>
    accounts.get(id) ??
    accounts.set(id, { product: null, status: null, balance: 0, movements: 0, lastSeq: -1 }).get(id)!;
  for (const event of events) {
    const id = String(event.data.accountId);
    if (event.type === 'DemoAccountOpened') {
      Object.assign(account(id), { product: String(event.data.product), status: 'open', lastSeq: event.orgSeq });
      totals.open += 1;
    } else if (event.type === 'DemoAccountClosed') {
      Object.assign(account(id), { status: 'closed', lastSeq: event.orgSeq });
      totals.open -= 1;
    } else if (event.type === 'DemoFundsDeposited' || event.type === 'DemoFundsWithdrawn') {
      const amount = Number(event.data.amount) * (event.type === 'DemoFundsDeposited' ? 1 : -1);
      const a = account(id);
      Object.assign(a, { balance: a.balance + amount, movements: a.movements + 1, lastSeq: event.orgSeq });
      const key = `${id}|${String(event.data.day)}`;
      const flow = flows.get(key) ?? { inflow: 0, outflow: 0, movements: 0 };
      if (amount >= 0) flow.inflow += amount;
      else flow.outflow -= amount;
      flow.movements += 1;
      flows.set(key, flow);
      totals.balance += amount;
      totals.movements += 1;
    }
  }
  return {
    accounts: [...accounts]
      .map(([id, a]) => `${id}|${a.product}|${a.status}|${a.balance}|${a.movements}|${a.lastSeq}`)
      .sort(),
    flows: [...flows].map(([key, f]) => `${key}|${f.inflow}|${f.outflow}|${f.movements}`).sort(),
    totals: accounts.size === 0 ? [] : [`org|${totals.open}|${totals.balance}|${totals.movements}`],
  };
}

/** The active generation's rows of the demo projection for one org, in DemoRows form. */
export async function actualDemoRows(pool: Pool, orgId: string, generation: number): Promise<DemoRows> {
  const query = async (sql: string) =>
    (await pool.query<{ r: string }>(sql, [orgId, generation])).rows.map((row) => row.r).sort();
  const where = 'WHERE org_id = $1 AND generation = $2';
  return {
    accounts: await query(
      `SELECT concat_ws('|', account_id, coalesce(product, 'null'), coalesce(status, 'null'), balance, movements, last_seq) AS r
         FROM demo_accounts ${where}`,
    ),
    flows: await query(
      `SELECT concat_ws('|', account_id, day::text, inflow, outflow, movements) AS r FROM demo_daily_flows ${where}`,
    ),
    totals: await query(
      `SELECT concat_ws('|', scope, open_accounts, total_balance, movements) AS r FROM demo_org_totals ${where}`,
    ),
  };
}

/** Every sequenced event of an org up to `uptoSeq`, read the way the runner reads them. */
export async function orgEvents(
  pool: Pool,
  orgId: string,
  uptoSeq = Number.MAX_SAFE_INTEGER,
): Promise<ProjectionEvent[]> {
  return readOrgRange(pool, orgId, -1, 10_000_000, uptoSeq);
}
