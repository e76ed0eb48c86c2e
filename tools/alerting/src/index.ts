export { readAlertRules, alertsTestedFiring, anchorsIn, anchorOf, RULES_FILE, RULE_TESTS_FILE, ROOT, type AlertRule } from './alertRules';
