import { Ed25519KeyRing, LocalKeyProvider, SIGNING_KEYS_VARIABLE } from '@ledger/ledger';
import { isProduction, readAuthConfig } from './authConfig';
import { readSecretFile, reloadSeconds } from './secretFile';
import { StartRefused } from './startRefused';

/** What the process about to start needs beyond what every process needs. */
export interface ProductionNeeds {
  /** The audit service (and single-node, which hosts it) signs tree heads and exports. */
  signingKeys: boolean;
}

/** Each reason production refuses to start; several can hold at once, so all are listed. */
export class ProductionRefused extends StartRefused {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'ProductionRefused';
  }
}

const set = (env: NodeJS.ProcessEnv, name: string) => Boolean(env[name]?.trim());

function refusalOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A secret given as a file: present, readable, and parsed by `parse`; never given inline. */
function fileSecret(env: NodeJS.ProcessEnv, name: string, parse: (text: string) => unknown, why: string): string[] {
  const variable = `${name}_FILE`;
  const refusals: string[] = [];
  if (set(env, name)) {
    refusals.push(`LEDGER_ENV=production refuses ${name} in the environment: mount it as a file and set ${variable}`);
  }
  const path = env[variable]?.trim();
  if (!path) {
    refusals.push(`LEDGER_ENV=production needs ${variable}: ${why}`);
    return refusals;
  }
  const problem = refusalOf(() => {
    try {
      parse(readSecretFile(variable, path));
    } catch (error) {
      if (error instanceof StartRefused) throw error;
      throw new Error(`${variable}=${path} does not hold valid keys: ${(error as Error).message}`);
    }
  });
  if (problem) refusals.push(problem);
  return refusals;
}

function databaseRefusals(env: NodeJS.ProcessEnv): string[] {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    return ['LEDGER_ENV=production refuses the embedded PostgreSQL server: set DATABASE_URL (without a password)'];
  }
  const refusals: string[] = [];
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return ['DATABASE_URL is not a URL: use postgres://user@host:port/database'];
  }
  if (password) {
    refusals.push(
      'LEDGER_ENV=production refuses a password in DATABASE_URL: mount it as a file and set DATABASE_PASSWORD_FILE',
    );
  }
  if (set(env, 'PGPASSWORD')) {
    refusals.push('LEDGER_ENV=production refuses PGPASSWORD in the environment: set DATABASE_PASSWORD_FILE');
  }
  const file = env.DATABASE_PASSWORD_FILE?.trim();
  if (!file) {
    refusals.push("LEDGER_ENV=production needs DATABASE_PASSWORD_FILE: the password of DATABASE_URL's user");
  } else {
    const problem = refusalOf(() => readSecretFile('DATABASE_PASSWORD_FILE', file));
    if (problem) refusals.push(problem);
  }
  return refusals;
}

/**
 * Every reason LEDGER_ENV=production refuses this configuration, one line each; empty outside
 * production. Development conveniences are refused (the development token issuer, generated
 * keys, the embedded server, migrating at start-up), secrets must come from mounted files, and
 * test-broker settings are inconsistent with a real Kafka.
 */
export function productionRefusals(env: NodeJS.ProcessEnv, needs: ProductionNeeds): string[] {
  if (!isProduction(env)) return [];
  const refusals: (string | undefined)[] = [
    refusalOf(() => readAuthConfig(env)),
    set(env, 'LEDGER_DEV_TOKEN_SECRET') || set(env, 'LEDGER_DEV_TOKEN_SECRET_FILE')
      ? 'LEDGER_ENV=production refuses LEDGER_DEV_TOKEN_SECRET: tokens come from the identity provider'
      : undefined,
    ...databaseRefusals(env),
    ...fileSecret(
      env,
      'LEDGER_MASTER_KEYS',
      (text) => LocalKeyProvider.fromEnv(text),
      'the master keys wrapping stream keys are never generated in production',
    ),
    ...(needs.signingKeys
      ? fileSecret(
          env,
          SIGNING_KEYS_VARIABLE,
          (text) => Ed25519KeyRing.fromEnv({ [SIGNING_KEYS_VARIABLE]: text }),
          'the signing keys of tree heads and exports are never generated in production',
        )
      : []),
    env.KAFKA_TEST_BROKER?.trim() === 'true' || env.KAFKA_TEST_BROKER?.trim() === '1'
      ? 'LEDGER_ENV=production refuses KAFKA_TEST_BROKER=true: its timeouts are for the test broker only'
      : undefined,
    env.KAFKA_IDEMPOTENT?.trim() === 'false' || env.KAFKA_IDEMPOTENT?.trim() === '0'
      ? 'LEDGER_ENV=production refuses KAFKA_IDEMPOTENT=false: a retried produce could publish an event twice'
      : undefined,
    refusalOf(() => reloadSeconds(env)),
  ];
  return refusals.filter((line): line is string => line !== undefined);
}

/** Throws the refusals of `productionRefusals`, all of them, when there is any. */
export function checkProduction(env: NodeJS.ProcessEnv, needs: ProductionNeeds): void {
  const refusals = productionRefusals(env, needs);
  if (refusals.length > 0) throw new ProductionRefused(refusals);
}
