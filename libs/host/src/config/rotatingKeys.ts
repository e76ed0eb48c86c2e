import { Ed25519KeyRing, LocalKeyProvider, SIGNING_KEYS_VARIABLE, type KeyProvider } from '@ledger/ledger';
import { readSecretFile, reloadSeconds, watchSecretFile, type SecretWatch } from './secretFile';

const signingRing = (text: string) => Ed25519KeyRing.fromEnv({ [SIGNING_KEYS_VARIABLE]: text });

/**
 * Signing keys from LEDGER_SIGNING_KEYS_FILE that follow the file: a rotation adds the new key
 * (with its notBefore) and the ring signs with it from then on, without a restart.
 */
export class FileSigningKeys extends Ed25519KeyRing {
  private current: Ed25519KeyRing;
  readonly watch: SecretWatch;

  constructor(path: string, intervalMs: number, onError: (error: Error) => void) {
    super([]);
    this.current = signingRing(readSecretFile(`${SIGNING_KEYS_VARIABLE}_FILE`, path));
    this.watch = watchSecretFile(
      `${SIGNING_KEYS_VARIABLE}_FILE`,
      path,
      intervalMs,
      (text) => (this.current = signingRing(text)),
      onError,
    );
  }

  override signingKey(at: Date) {
    return this.current.signingKey(at);
  }

  override publicKeys() {
    return this.current.publicKeys();
  }
}

/**
 * Master keys from LEDGER_MASTER_KEYS_FILE that follow the file: a rotation puts a new key first
 * (new data keys are wrapped with it) and keeps the old ones listed to unwrap what they wrapped.
 */
export class FileMasterKeys implements KeyProvider {
  private current: LocalKeyProvider;
  readonly watch: SecretWatch;

  constructor(path: string, intervalMs: number, onError: (error: Error) => void) {
    this.current = LocalKeyProvider.fromEnv(readSecretFile('LEDGER_MASTER_KEYS_FILE', path));
    this.watch = watchSecretFile(
      'LEDGER_MASTER_KEYS_FILE',
      path,
      intervalMs,
      (text) => (this.current = LocalKeyProvider.fromEnv(text)),
      onError,
    );
  }

  get activeKeyId(): string {
    return this.current.activeKeyId;
  }

  wrap(dataKey: Buffer) {
    return this.current.wrap(dataKey);
  }

  unwrap(keyId: string, wrapped: Buffer) {
    return this.current.unwrap(keyId, wrapped);
  }
}

/**
 * DATABASE_PASSWORD_FILE: the password of DATABASE_URL's user, kept in PGPASSWORD, which node-pg
 * reads for every new connection of a URL without a password. A rotation therefore reaches each
 * pool as its connections are replaced; open connections stay authenticated.
 */
export function watchDatabasePassword(
  env: NodeJS.ProcessEnv,
  path: string,
  intervalMs: number,
  onError: (error: Error) => void,
): SecretWatch {
  env.PGPASSWORD = readSecretFile('DATABASE_PASSWORD_FILE', path);
  return watchSecretFile('DATABASE_PASSWORD_FILE', path, intervalMs, (text) => (env.PGPASSWORD = text), onError);
}

/** The process's DATABASE_PASSWORD_FILE followed as above, when it names one. */
export function followDatabasePasswordFile(
  env: NodeJS.ProcessEnv,
  onError: (error: Error) => void,
): SecretWatch | undefined {
  const path = env.DATABASE_PASSWORD_FILE?.trim();
  return path ? watchDatabasePassword(env, path, reloadSeconds(env) * 1000, onError) : undefined;
}
