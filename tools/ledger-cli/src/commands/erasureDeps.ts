import type { ErasureDeps } from '@ledger/audit';
import { Ed25519KeyRing, Retention, SIGNING_KEYS_VARIABLE, type Clock } from '@ledger/ledger';
import type { OpenLedger } from '../connection/openLedger';
import { CliError } from '../errors/cliError';

/** The ledger's signing keys, which erasure certificates are signed with; refuses to go on without them. */
export function signingKeysOf(env: NodeJS.ProcessEnv): Ed25519KeyRing {
  if (!env[SIGNING_KEYS_VARIABLE]) {
    throw new CliError(
      'LEDGER_CLI.BAD_ARGUMENT',
      `${SIGNING_KEYS_VARIABLE} is not set: erasure certificates are signed with the ledger's signing keys`,
    );
  }
  return Ed25519KeyRing.fromEnv(env);
}

/**
 * What carrying out due erasures needs, built once for `ledger erasure apply-due` and
 * `ledger retention apply` alike; `clock` decides what is due (the retention guard judges by it too).
 */
export function erasureDepsOf(opened: OpenLedger, signingKeys: Ed25519KeyRing, clock?: Clock): ErasureDeps {
  const { pool, ledger } = opened;
  return {
    ledger,
    pool,
    signingKeys,
    guard: new Retention({ pool, ledger, clock }),
    ...(clock ? { now: () => clock.now() } : {}),
  };
}
