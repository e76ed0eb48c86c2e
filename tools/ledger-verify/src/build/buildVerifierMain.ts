import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildVerifier } from './buildVerifier';

/** `npm run build:verifier`: writes outputs/verifier/ledger-verifier-<version>.html and its .sha256. */
async function main(): Promise<void> {
  const out = join(__dirname, '..', '..', '..', '..', 'outputs', 'verifier');
  const built = await buildVerifier();
  await mkdir(out, { recursive: true });
  await writeFile(join(out, built.fileName), built.html);
  // The format `sha256sum -c` reads.
  await writeFile(join(out, `${built.fileName}.sha256`), `${built.sha256}  ${built.fileName}\n`);
  process.stdout.write(`${join('outputs', 'verifier', built.fileName)}\nSHA-256 ${built.sha256}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build:verifier: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
