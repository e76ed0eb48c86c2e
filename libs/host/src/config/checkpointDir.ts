import { resolve } from 'node:path';
import { CHECKPOINT_DIR_VARIABLE, DirectoryCheckpointStore } from '@ledger/ledger';
import { StartRefused } from './startRefused';

/**
 * The published-head checkpoint store: LEDGER_CHECKPOINT_DIR when set, else `fallback` (for
 * `npm start`, a folder beside its data), else none. It must outlive the database's backups:
 * a folder on other storage than the database, or one synced to an object store.
 */
export function checkpointStoreFromEnv(
  env: NodeJS.ProcessEnv,
  fallback?: string,
  cwd = process.cwd(),
): DirectoryCheckpointStore | undefined {
  const value = env[CHECKPOINT_DIR_VARIABLE];
  if (value !== undefined && value.trim() === '') {
    throw new StartRefused(`${CHECKPOINT_DIR_VARIABLE} is empty: name a folder, or unset it`);
  }
  const dir = value ?? fallback;
  return dir === undefined ? undefined : new DirectoryCheckpointStore(resolve(cwd, dir));
}
