export { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './embedded/embeddedServer';
export { freeLoopbackPort } from './embedded/freePort';
export { createTestDatabase, type TestDatabase, TEST_SERVER_URL_VARIABLE } from './testing/testDatabase';
export { resolveDatabase, type ResolvedDatabase } from './embedded/resolveDatabase';
export { inTransaction } from './transaction/inTransaction';
export {
  findRunningStacks,
  readRunningStack,
  removeRunningStack,
  stackDataDirs,
  stackFilePath,
  writeRunningStack,
  STACK_FILE,
  type RunningStack,
} from './stack/runningStack';
export { ORG_SETTING, runInOrg, currentOrg } from './rowSecurity/orgScope';
export { OrgScopedPool } from './rowSecurity/orgScopedPool';
export { orgRowSecuritySql, grantMembershipSql, CROSS_ORG_ROLE } from './rowSecurity/orgRowSecuritySql';
