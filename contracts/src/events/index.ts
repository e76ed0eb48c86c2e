export * from './kafkaContract';
export * from './eventCatalog';
export * from './eventEnvelope';
export * from './schemaFiles';
export * from './eventValidator';
export * from './spanReference';
export { breakingChanges } from './schemaCompatibility';
