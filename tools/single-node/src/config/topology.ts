/** Single-node is the only topology this process runs; multi-node runs one process per service. */
export function assertSingleNode(env: NodeJS.ProcessEnv): void {
  const topology = env.TOPOLOGY ?? 'single-node';
  if (topology !== 'single-node') {
    throw new Error(`TOPOLOGY=${topology}: this command runs single-node only (all four services in one process)`);
  }
  if (env.SERVICES !== undefined) {
    throw new Error('SERVICES is set: a single-node process hosts all four services, never a subset');
  }
}
