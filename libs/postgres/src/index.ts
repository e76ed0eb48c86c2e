export { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './embedded/embeddedServer';
export { freeLoopbackPort } from './embedded/freePort';
export { createTestDatabase, type TestDatabase, TEST_SERVER_URL_VARIABLE } from './testing/testDatabase';
export { resolveDatabase, type ResolvedDatabase } from './embedded/resolveDatabase';
export { inTransaction } from './transaction/inTransaction';
