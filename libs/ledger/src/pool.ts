import { Pool, type PoolConfig } from 'pg';
import { OrgScopedPool } from '@ledger/postgres';
import { watchPool } from './telemetry/poolMetrics';

/** The role the application appends and reads as: INSERT and SELECT on events, nothing more. */
export const LEDGER_WRITER_ROLE = 'ledger_writer';

export interface LedgerPoolOptions extends PoolConfig {
  /** Role every connection switches to before it is used, e.g. `ledger_writer`. */
  role?: string;
  /**
   * Told when an idle connection dies (server restart, failover, a terminated backend). The
   * pool drops that connection and opens another on demand; without a listener Node would
   * treat the event as fatal.
   */
  onIdleError?: (error: Error) => void;
  /**
   * Every checkout sets the connection's org (`app.org_id`) to the caller's `runInOrg` org, or
   * to none: the pool of request paths, under row-level security.
   */
  orgScoped?: boolean;
  /**
   * The pool's purpose (`writer`, `worker`, `requests`): with it, the pool is measured as
   * `db_client_connection_*{pool}`. Bounded and never from the URL.
   */
  name?: string;
}

export function createPool({ role, onIdleError, orgScoped, name, ...config }: LedgerPoolOptions): Pool {
  if (role && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error('role must be a plain identifier');
  // Set in the startup packet, so no statement ever runs under the login role.
  const options = role ? [config.options, `-c role=${role}`].filter(Boolean).join(' ') : config.options;
  const pool = orgScoped ? new OrgScopedPool({ ...config, options }) : new Pool({ ...config, options });
  pool.on('error', (error) => onIdleError?.(error));
  // The pool listens only to idle connections. A checked-out one whose server goes away (a stop,
  // a failover) fails its query, which its holder sees; the 'error' event it also emits must not
  // be fatal to the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  if (name !== undefined) watchPool(name, pool);
  return pool;
}
