import { BRIEF_DISCLAIMER } from '@ledger/contracts';

/**
 * The disclaimer every brief carries. Its text lives in the HTTP contract, whose response schema
 * accepts exactly it; its type is that one literal, so a brief without it, or with other
 * wording, does not type-check.
 */
export const DISCLAIMER = BRIEF_DISCLAIMER;

export type Disclaimer = typeof DISCLAIMER;
