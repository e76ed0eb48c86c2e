import { join } from 'node:path';
import { readRunningStack, removeRunningStack, writeRunningStack, type RunningStack } from '@ledger/postgres';
import { StartRefused } from '@ledger/host';

/** The shared stack description plus the API's address, so a second start can point at it. */
export interface SingleNodeStack extends RunningStack {
  readonly apiUrl: string;
}

/** Refuses to start a second stack on a data folder whose stack is still running. */
export function refuseIfRunning(dataDir: string): void {
  const running = readRunningStack(dataDir);
  if (!running) return;
  const apiUrl = 'apiUrl' in running && typeof running.apiUrl === 'string' ? `, ${running.apiUrl}` : '';
  throw new StartRefused(
    `Ledger is already running on ${dataDir} (${running.topology}, pid ${running.pid}${apiUrl}); ` +
      'stop it first, or set LEDGER_DATA_DIR to another folder',
  );
}

/** Describes the running stack in `<dataDir>/stack.json`, for operator commands on this machine. */
export async function describeStack(options: {
  dataDir: string;
  databaseUrl: string;
  apiUrl: string;
}): Promise<string> {
  const stack: SingleNodeStack = {
    topology: 'single-node',
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    masterKeysFile: join(options.dataDir, 'master-keys'),
    signingKeysFile: join(options.dataDir, 'signing-keys.json'),
    apiUrl: options.apiUrl,
  };
  return writeRunningStack(stack);
}

export const forgetStack = removeRunningStack;
