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
export {
  readDashboards,
  dataPanels,
  dashboardQueries,
  metricsNamedByDashboards,
  DASHBOARDS_DIR,
  type Dashboard,
  type DashboardQuery,
} from './dashboards';
