// `@ledger/tenancy/testing`: an identity provider's key set endpoint on loopback, its keys and
// tokens, for the tests of anything that verifies provider tokens.
export { JwksServer, providerKey, providerToken, type ProviderKey } from './src/testing/jwksServer';
