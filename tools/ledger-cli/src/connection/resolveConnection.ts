import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { findRunningStacks, stackFilePath, type RunningStack } from '@ledger/postgres';
import { SIGNING_KEYS_VARIABLE } from '@ledger/ledger';
import { CliError } from '../errors/cliError';

/** Where a command's database and keys come from. */
export interface Connection {
  databaseUrl: string;
  /** The environment the command runs with: the caller's, completed from the stack's files. */
  env: NodeJS.ProcessEnv;
  /** The local stack used when DATABASE_URL was not set. */
  stack?: RunningStack;
}

const WRITERS = '`npm start` or `npm run start:multi -- --local` writes one';

/** The stack file, relative to where the command runs when it lies below it. */
function fileOf(stack: RunningStack, cwd: string): string {
  const file = stackFilePath(stack.dataDir);
  const shown = relative(cwd, file);
  return shown.startsWith('..') ? file : shown;
}

function describe(stack: RunningStack, cwd: string): string {
  return `${stack.topology} (${fileOf(stack, cwd)})`;
}

function keyText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * DATABASE_URL when set; otherwise the one local stack running from this folder (its
 * `stack.json`), said on stderr so nobody wonders which database a command touched. Several
 * running stacks are never chosen between silently. Keys come from the environment, else
 * from the stack's key files.
 */
export function resolveConnection(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Connection {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, env };
  const stacks = findRunningStacks(env, cwd);
  if (stacks.length === 0) {
    throw new CliError(
      'LEDGER_CLI.NO_DATABASE',
      `DATABASE_URL is not set and no running local stack was found (${WRITERS} in ` +
        `${env.LEDGER_DATA_DIR ? 'LEDGER_DATA_DIR' : '.data or .data/multi-node'})`,
    );
  }
  if (stacks.length > 1) {
    throw new CliError(
      'LEDGER_CLI.SEVERAL_STACKS',
      `DATABASE_URL is not set and several local stacks are running: ${stacks.map((s) => describe(s, cwd)).join(', ')}; ` +
        'set LEDGER_DATA_DIR to the one to use',
    );
  }
  const [stack] = stacks;
  notice(`ledger: DATABASE_URL is not set; using the running ${stack.topology} stack (${fileOf(stack, cwd)})`);
  return {
    databaseUrl: stack.databaseUrl,
    stack,
    env: {
      ...env,
      DATABASE_URL: stack.databaseUrl,
      LEDGER_MASTER_KEYS: env.LEDGER_MASTER_KEYS ?? keyText(stack.masterKeysFile),
      [SIGNING_KEYS_VARIABLE]: env[SIGNING_KEYS_VARIABLE] ?? keyText(stack.signingKeysFile),
    },
  };
}
