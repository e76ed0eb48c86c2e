import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { RULES_FILE } from '../alertRules';

interface RuleGroup {
  name: string;
  interval?: string;
  rules: Array<{ alert?: string; expr: string; for?: string }>;
}

/**
 * The deployed alert rules with every `for:` cut to `holdFor`, so a test sees an alert fire in
 * seconds; the expressions, labels and annotations stay exactly as deployed.
 */
export function rulesWithShortFor(holdFor: string, file = RULES_FILE): string {
  const document = parse(readFileSync(file, 'utf8')) as { groups: RuleGroup[] };
  for (const group of document.groups) {
    for (const rule of group.rules) if (rule.for !== undefined) rule.for = holdFor;
  }
  return stringify(document);
}
