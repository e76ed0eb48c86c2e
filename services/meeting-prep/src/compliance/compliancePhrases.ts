import { sortBy } from '../compose/order';

/**
 * A compliance-sensitive phrase and the rule it belongs to. Notes name the rule, never the
 * phrase, so a brief cannot echo it.
 */
export interface CompliancePhrase {
  ruleId: string;
  phrase: string;
}

export const DEFAULT_COMPLIANCE_PHRASES: readonly CompliancePhrase[] = [
  { ruleId: 'performance-guarantee', phrase: 'guaranteed returns' },
  { ruleId: 'performance-guarantee', phrase: 'guaranteed return' },
  { ruleId: 'performance-guarantee', phrase: 'guaranteed income' },
  { ruleId: 'risk-denial', phrase: 'risk-free' },
  { ruleId: 'risk-denial', phrase: 'no risk' },
  { ruleId: 'risk-denial', phrase: "can't lose" },
  { ruleId: 'performance-promise', phrase: 'beat the market' },
];

export interface PhraseMatch {
  ruleId: string;
  startChar: number;
  endChar: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Case-insensitive, any run of whitespace between words, not inside a longer word. */
function patternOf(phrase: string): RegExp {
  const words = phrase.trim().split(/\s+/).map(escape).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Every occurrence of every phrase, with UTF-16 offsets into `text` (RegExp indices are code
 * units even with the `u` flag, and the original text is matched, never a lower-cased copy whose
 * length could differ). Sorted by position, then rule.
 */
export function findPhrases(text: string, phrases: readonly CompliancePhrase[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  for (const { ruleId, phrase } of phrases) {
    for (const match of text.matchAll(patternOf(phrase))) {
      matches.push({ ruleId, startChar: match.index, endChar: match.index + match[0].length });
    }
  }
  return sortBy(matches, (m) => [m.startChar, m.endChar, m.ruleId]);
}

export const WITHHELD = '[withheld: see compliance notes]';

/** Replaces any occurrence in a label or name before it is put in a bullet. */
export function withhold(text: string, phrases: readonly CompliancePhrase[]): string {
  let out = text;
  for (const { phrase } of phrases) out = out.replace(patternOf(phrase), WITHHELD);
  return out;
}
