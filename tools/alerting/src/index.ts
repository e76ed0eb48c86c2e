export {
  readAlertRules,
  alertsTestedFiring,
  anchorsIn,
  anchorOf,
  metricNamesIn,
  metricsNamedByAlertsAndRunbooks,
  scrapedNames,
  RULES_FILE,
  RULE_TESTS_FILE,
  ROOT,
  type AlertRule,
} from './alertRules';
