import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublicSigningKey } from '@ledger/ledger';

/** The `ledger-verify` command of tools/ledger-verify, as npm links it for the workspace. */
const LEDGER_VERIFY = join(__dirname, '..', '..', '..', '..', 'node_modules', '.bin', 'ledger-verify');

export interface OfflineVerdict {
  ok: boolean;
  /** `PASS: …`, `FAIL: <the first problem found>`, or why nothing was verified. */
  message: string;
}

interface VerifierJson {
  verdict: string;
  message: string;
}

/**
 * Verifies an unpacked bundle as an examiner does, with the `ledger-verify` command. The service
 * checks its exports against the offline verifier through the verifier's published interface,
 * its command line, since a service never imports a tool. `trustedKeys` go to `--keys` in a key
 * file, as keys obtained out of band would.
 */
export async function verifyOffline(
  dir: string,
  options: { trustedKeys?: readonly PublicSigningKey[] } = {},
): Promise<OfflineVerdict> {
  const keysDir = options.trustedKeys ? await mkdtemp(join(tmpdir(), 'audit-trusted-keys-')) : undefined;
  try {
    const args = [LEDGER_VERIFY, dir, '--json'];
    if (keysDir && options.trustedKeys) {
      const keyFile = join(keysDir, 'public-keys.json');
      await writeFile(keyFile, JSON.stringify(options.trustedKeys));
      args.push('--keys', keyFile);
    }
    const report = JSON.parse(await jsonLineOf(args)) as VerifierJson;
    return { ok: report.verdict === 'pass', message: report.message };
  } finally {
    if (keysDir) await rm(keysDir, { recursive: true, force: true });
  }
}

/** The command's one JSON line, whatever its exit status: a FAIL exits 1 and is still an answer. */
function jsonLineOf(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, (error, stdout, stderr) => {
      if (stdout.trim() !== '') resolve(stdout.trim());
      else reject(error ?? new Error(`ledger-verify printed nothing: ${stderr}`));
    });
  });
}

/** Verifies an erasure certificate as an examiner does: `ledger-verify verify-certificate FILE --json`. */
export async function verifyCertificateOffline(
  certificateText: string,
  options: { trustedKeys?: readonly PublicSigningKey[] } = {},
): Promise<OfflineVerdict> {
  const dir = await mkdtemp(join(tmpdir(), 'audit-certificate-'));
  try {
    const file = join(dir, 'certificate.json');
    await writeFile(file, certificateText);
    const args = [LEDGER_VERIFY, 'verify-certificate', file, '--json'];
    if (options.trustedKeys) {
      const keyFile = join(dir, 'public-keys.json');
      await writeFile(keyFile, JSON.stringify(options.trustedKeys));
      args.push('--keys', keyFile);
    }
    const report = JSON.parse(await jsonLineOf(args)) as VerifierJson;
    return { ok: report.verdict === 'pass', message: report.message };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
