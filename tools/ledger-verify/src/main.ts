import { readFile } from 'node:fs/promises';
import type { PublicKey } from './signatures';
import { verifyBundle } from './verifyBundle';

const USAGE = 'usage: ledger-verify BUNDLE_DIR [--previous OLDER_BUNDLE_DIR] [--keys PUBLIC_KEYS.json]';

/** `ledger-verify BUNDLE`: prints PASS, or FAIL with the first problem; exit 0, 1, or 2 on bad usage. */
async function main(args: string[]): Promise<number> {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--previous' || args[i] === '--keys') flags.set(args[i], args[++i] ?? '');
    else positional.push(args[i]);
  }
  if (positional.length !== 1 || [...flags.values()].includes('')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const keysFile = flags.get('--keys');
  const trustedKeys = keysFile ? (JSON.parse(await readFile(keysFile, 'utf8')) as PublicKey[]) : undefined;
  const result = await verifyBundle(positional[0], { previous: flags.get('--previous'), trustedKeys });
  process.stdout.write(`${result.message}\n`);
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ledger-verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
