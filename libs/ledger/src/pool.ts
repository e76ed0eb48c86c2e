import { Pool, type PoolConfig } from 'pg';

/** The role the application appends and reads as: INSERT and SELECT on events, nothing more. */
export const LEDGER_WRITER_ROLE = 'ledger_writer';

export interface LedgerPoolOptions extends PoolConfig {
  /** Role every connection switches to before it is used, e.g. `ledger_writer`. */
  role?: string;
}

export function createPool({ role, ...config }: LedgerPoolOptions): Pool {
  if (!role) return new Pool(config);
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error('role must be a plain identifier');
  // Set in the startup packet, so no statement ever runs under the login role.
  const options = [config.options, `-c role=${role}`].filter(Boolean).join(' ');
  return new Pool({ ...config, options });
}
