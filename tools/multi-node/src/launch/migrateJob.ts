import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LEDGER_CLI = join(__dirname, '..', '..', '..', 'ledger-cli', 'src', 'main.ts');

/**
 * `ledger migrate` as the serialized job that runs before any service starts (services never
 * migrate in multi-node): ledger, bus, then every service's tables and roles.
 */
export function runMigrateJob(databaseUrl: string): Promise<string> {
  // tsx as a loader of the job's own process: no wrapper process to outlive a stopped launcher.
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, LEDGER_CLI, 'migrate'],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const text = Buffer.concat(output).toString('utf8').trim();
      if (code === 0) resolve(text);
      else reject(new Error(`migrations failed (exit ${code}): ${text}`));
    });
  });
}
