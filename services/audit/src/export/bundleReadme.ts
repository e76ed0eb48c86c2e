/**
 * The examiner's HTML verifier this release publishes (`npm run build:verifier`, documented in
 * docs/compliance.md). Each bundle's README names it, so an examiner knows which verifier to fetch
 * and which SHA-256 it must have; the verifier itself never travels inside a bundle, where a
 * tampered bundle could carry a tampered one. A test rebuilds it and checks both values.
 */
export const EXAMINER_VERIFIER = {
  version: '1.0.0',
  fileName: 'ledger-verifier-1.0.0.html',
  sha256: '97b6ac7cb0c5e5b87fe986a441b097f6126270430f4594e50cfacace565956cd',
} as const;

/** README.txt of an audit bundle: what it is and how to verify it. Ids and hashes only, no content. */
export function bundleReadme(fileName: string): string {
  const { version, fileName: verifier, sha256 } = EXAMINER_VERIFIER;
  return `Ledger audit bundle (format ledger-audit-bundle/1)

${fileName} holds an organisation's ledger events with the proofs that they are
exactly what the ledger recorded: a signed tree head, Merkle proofs, the ledger's
public keys and a signed manifest listing every file, this one included, with
its SHA-256. contracts/audit-export.md in the ledger's repository describes it.

To verify it, with nothing installed:
  1. Fetch the examiner's verifier ${version}, ${verifier}, from the ledger
     operator, never from a bundle: a changed bundle could carry a changed
     verifier.
  2. Check that its SHA-256 is
       ${sha256}
     (sha256sum ${verifier}; certutil -hashfile ${verifier} SHA256 on Windows),
     as the operator's docs/compliance.md also states.
  3. Open it in a browser (it makes no network request) and pick ${fileName}.

Or with Node 20 and the ledger's repository:
  npm run verify-bundle -- ${fileName}

PASS: the bundle is as the ledger signed it. FAIL: it was changed, or is not
signed by a trusted key; the line names the first problem found.
`;
}
