import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Ed25519KeyRing, exportSeed, SIGNING_KEYS_VARIABLE } from '@ledger/ledger';
import { FileSigningKeys } from './rotatingKeys';
import { reloadSeconds } from './secretFile';

/**
 * The tree-head and manifest signing keys: LEDGER_SIGNING_KEYS_FILE (a secret manager's mounted
 * file, followed on rotation) or LEDGER_SIGNING_KEYS when set. Only on the embedded development
 * database is one generated, kept in a 0600 file beside its data so that heads signed before a
 * restart still verify after it.
 */
export async function loadSigningKeys(
  env: NodeJS.ProcessEnv,
  embedded: boolean,
  keyFile: string,
  onReloadError: (error: Error) => void = () => undefined,
): Promise<Ed25519KeyRing> {
  const mounted = env[`${SIGNING_KEYS_VARIABLE}_FILE`]?.trim();
  if (mounted) return new FileSigningKeys(mounted, reloadSeconds(env) * 1000, onReloadError);
  if (env[SIGNING_KEYS_VARIABLE]) return Ed25519KeyRing.fromEnv(env);
  if (!embedded) {
    throw new Error(`${SIGNING_KEYS_VARIABLE}_FILE or ${SIGNING_KEYS_VARIABLE} must be set when DATABASE_URL is given`);
  }
  if (!existsSync(keyFile)) {
    await mkdir(dirname(keyFile), { recursive: true });
    const entry = Ed25519KeyRing.generate('dev-1');
    const config = [
      { keyId: entry.keyId, d: exportSeed(entry.privateKey), notBefore: entry.notBefore.toISOString(), notAfter: null },
    ];
    await writeFile(keyFile, JSON.stringify(config), { mode: 0o600 });
  }
  return Ed25519KeyRing.fromEnv({ [SIGNING_KEYS_VARIABLE]: (await readFile(keyFile, 'utf8')).trim() });
}
