import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { currentOrg, ORG_SETTING } from './orgScope';

type ConnectCallback = (
  err: Error | undefined,
  client: PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

const SET_ORG = `SELECT set_config('${ORG_SETTING}', $1, false)`;

/**
 * A pool whose every checkout first sets the connection's org to the caller's (`runInOrg`), or to
 * no org outside one: a connection never carries a previous holder's org, whether or not that
 * holder released it cleanly, so rows of another org stay invisible under row-level security.
 * `pool.query` checks out through `connect` too. One statement per checkout, against three
 * (BEGIN, set, COMMIT) for a transaction per query.
 */
export class OrgScopedPool extends Pool {
  constructor(config?: PoolConfig) {
    super(config);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    const checkedOut = this.checkOut(currentOrg() ?? '');
    if (!callback) return checkedOut;
    checkedOut.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  private async checkOut(orgId: string): Promise<PoolClient> {
    const client = await super.connect();
    try {
      await client.query(SET_ORG, [orgId]);
    } catch (error) {
      // A connection whose org could not be set is never reused.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    return client;
  }
}
