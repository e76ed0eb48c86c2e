export { verifyOrg, type VerifyOrgOptions } from './verifyOrg';
export { VERIFICATION_FAILURES_METRIC } from './verificationMetrics';
export type { FindingKind, VerificationFinding, VerificationProgress, VerificationReport } from './verificationReport';
