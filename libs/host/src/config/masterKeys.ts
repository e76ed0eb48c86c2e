import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LocalKeyProvider, type KeyProvider } from '@ledger/ledger';
import { FileMasterKeys } from './rotatingKeys';
import { reloadSeconds } from './secretFile';

/**
 * LEDGER_MASTER_KEYS_FILE (a secret manager's mounted file, followed on rotation) or
 * LEDGER_MASTER_KEYS when set. Only on the embedded development database may a key be
 * generated, kept in a 0600 file beside its data; a real deployment must configure its keys.
 */
export async function loadMasterKeys(
  env: NodeJS.ProcessEnv,
  embedded: boolean,
  keyFile: string,
  onReloadError: (error: Error) => void = () => undefined,
): Promise<KeyProvider> {
  const mounted = env.LEDGER_MASTER_KEYS_FILE?.trim();
  if (mounted) return new FileMasterKeys(mounted, reloadSeconds(env) * 1000, onReloadError);
  if (env.LEDGER_MASTER_KEYS) return LocalKeyProvider.fromEnv(env.LEDGER_MASTER_KEYS);
  if (!embedded)
    throw new Error('LEDGER_MASTER_KEYS_FILE or LEDGER_MASTER_KEYS must be set when DATABASE_URL is given');
  if (!existsSync(keyFile)) {
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, `dev-1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return LocalKeyProvider.fromEnv((await readFile(keyFile, 'utf8')).trim());
}
