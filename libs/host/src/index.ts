export {
  defineService,
  serviceName,
  type ServiceDeclaration,
  type ServiceDescriptor,
  type ServiceName,
} from './descriptor/serviceDescriptor';
export * from './topology';
export * from './keys/providerKeys';
export type { CoreServices } from './core/coreServices';
export { startCore, type CoreOptions, type RunningCore } from './core/startCore';
export { lifetimeText, loadDevAuth, type DevAuth } from './config/devAuth';
export { loadAuth, type Auth } from './config/auth';
export { readAuthConfig, isProduction, type AuthConfig, type TokenLimits } from './config/authConfig';
export { loadMasterKeys } from './config/masterKeys';
export { loadSigningKeys } from './config/signingKeys';
export { checkpointStoreFromEnv } from './config/checkpointDir';
export { readStartConfig, type StartConfig } from './config/startConfig';
export { StartRefused } from './config/startRefused';
export { checkProduction, productionRefusals, ProductionRefused, type ProductionNeeds } from './config/productionGate';
export { readSecretFile, reloadSeconds, watchSecretFile, type SecretWatch } from './config/secretFile';
export {
  FileMasterKeys,
  FileSigningKeys,
  followDatabasePasswordFile,
  watchDatabasePassword,
} from './config/rotatingKeys';
export { checkDatabasePrivileges, singleNodeTopology } from './config/topology';
export { readServiceConfig, serviceRequestRole, serviceRole, type ServiceProcessConfig } from './config/serviceConfig';
export { startBusBridge, type BusBridge, type BusBridgeOptions } from './node/busBridge';
export { ownedBy, ownEventProjections } from './node/eventSources';
export { startServiceNode, type ServiceNode, type ServiceNodeOptions } from './node/startServiceNode';
export { runServiceProcess } from './process/serviceProcess';
export { serviceRoleMigration } from './migrations/serviceRoleMigration';
export { migrateServices, type MigrateServicesOptions } from './migrations/migrateServices';
export {
  awaitViews,
  commandEvents,
  runCommand,
  type CommandDeps,
  type DecidedEvent,
  type RequestCommand,
  type ViewWaiter,
} from './commands/runCommand';
export { ensureRuntimeLogin, ensureServiceLogin, RUNTIME_LOGIN } from './config/runtimeLogin';
export { PROJECTOR_ROLE, REQUEST_ROLE } from './migrations/runtimeRolesMigration';
