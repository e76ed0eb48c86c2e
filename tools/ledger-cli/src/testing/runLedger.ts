import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');
const MAIN = join(ROOT, 'tools', 'ledger-cli', 'src', 'main.ts');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface LedgerRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run ledger -- …` as the on-call engineer does: a child process through tsx, with
 * exactly the environment given (nothing inherited but PATH and HOME), so a test controls
 * whether DATABASE_URL or LEDGER_DATA_DIR are set.
 */
export function runLedger(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<LedgerRun> {
  // The repository's tsconfig also when the command runs from another folder (decorators).
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') };
  return new Promise((resolve) => {
    execFile(TSX, [MAIN, ...args], { env: { ...base, ...env }, cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The non-empty lines of a stream's output. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
