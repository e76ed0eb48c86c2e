/**
 * The disclaimer every brief carries. Its type is this exact text (one literal, not a
 * concatenation, which would widen to string), so a brief without it, or with other wording,
 * does not type-check.
 */
export const DISCLAIMER =
  'Informational only: this brief is not investment, legal or tax advice and does not guarantee any outcome. It was composed from recorded claims and messages; verify every point against the cited sources before relying on it.';

export type Disclaimer = typeof DISCLAIMER;
