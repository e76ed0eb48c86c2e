export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__EMBEDDED_TEST_SERVER__;
  if (server) await server.stop();
}
