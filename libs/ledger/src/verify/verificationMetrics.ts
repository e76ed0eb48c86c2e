import { metrics, type Meter } from '@opentelemetry/api';
import type { VerificationFinding } from './verificationReport';

export const VERIFICATION_FAILURES_METRIC = 'ledger_verification_failures_total';

/**
 * Counts findings by kind. The meter is looked up per run (not at import) so that a meter
 * provider registered after this module loaded still receives the counts. No org id attribute:
 * it would multiply series per org; the report names the org.
 */
export function countFailures(findings: readonly VerificationFinding[], meter?: Meter): void {
  if (findings.length === 0) return;
  const counter = (meter ?? metrics.getMeter('@ledger/ledger')).createCounter(VERIFICATION_FAILURES_METRIC, {
    description: 'Ledger verification findings: tampered rows and forged or mismatched tree heads',
  });
  for (const finding of findings) counter.add(1, { kind: finding.kind });
}
