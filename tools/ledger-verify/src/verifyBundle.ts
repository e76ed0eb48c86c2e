import { checkBundleReport, type BundleReport } from './core/checkBundle';
import type { PublicKey } from './core/signatures';
import { folderReader, nodeCrypto } from './nodePlatform';

export type { BundleReport } from './core/checkBundle';

export interface VerifyBundleOptions {
  /** An older bundle of the same org: this bundle's tree must extend that one's. */
  previous?: string;
  /** Keys obtained from the ledger out of band; without them the bundle's own keys are used. */
  trustedKeys?: PublicKey[];
}

export interface VerifyResult {
  ok: boolean;
  /** `PASS: …` or `FAIL: <the first problem found>`. */
  message: string;
}

/**
 * Verifies a bundle directory offline (contracts/audit-export.md), with the checks the
 * examiner's HTML verifier runs too (`core/checkBundle.ts`).
 */
export async function verifyBundle(dir: string, options: VerifyBundleOptions = {}): Promise<VerifyResult> {
  const report = await verifyBundleReport(dir, options);
  return { ok: report.ok, message: report.message };
}

/** verifyBundle with the details of the verdict. */
export function verifyBundleReport(dir: string, options: VerifyBundleOptions = {}): Promise<BundleReport> {
  return checkBundleReport(nodeCrypto, folderReader(dir), {
    previous: options.previous === undefined ? undefined : folderReader(options.previous),
    trustedKeys: options.trustedKeys,
  });
}
