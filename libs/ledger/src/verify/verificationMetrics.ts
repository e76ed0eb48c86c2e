import { metrics, type Meter } from '@opentelemetry/api';
import { FINDING_KINDS, type VerificationFinding } from './verificationReport';

export const VERIFICATION_FAILURES_METRIC = 'ledger_verification_failures_total';

/**
 * Counts findings by kind. The meter is looked up per run (not at import) so that a meter
 * provider registered after this module loaded still receives the counts. No org id attribute:
 * it would multiply series per org; the report names the org. Every kind's series starts at 0
 * with the first verification, so the alert on it sees the first finding as a change.
 */
export function countFailures(findings: readonly VerificationFinding[], meter?: Meter): void {
  const counter = (meter ?? metrics.getMeter('@ledger/ledger')).createCounter(VERIFICATION_FAILURES_METRIC, {
    description: 'Ledger verification findings: tampered rows and forged or mismatched tree heads',
  });
  for (const kind of FINDING_KINDS) counter.add(0, { kind });
  for (const finding of findings) counter.add(1, { kind: finding.kind });
}
