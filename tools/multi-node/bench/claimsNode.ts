/**
 * The claims side of bench:pipeline: the real multi-node claims process (gate, core with its
 * runner, bus bridge, HTTP on 127.0.0.1) started as serviceMain starts it, plus an `onOutcome`
 * observer. It loads its modules at once, then waits for its first stdin line, a JSON object of
 * environment variables (database, brokers, secrets), so that loading overlaps the bench's set-up.
 * Its stdout is the protocol with the bench (logs go to stderr):
 *   `ready`                               once the node is up
 *   `o <eventId> <outcome> <epochMs>`     per message, once its transaction has committed (written in runs)
 * The time is performance.timeOrigin + performance.now(), comparable with the bench's own.
 * Closing stdin stops the node.
 */
import { createInterface } from 'node:readline';
import pino from 'pino';
import { LocalKeyProvider } from '@ledger/ledger';
import { createLogger } from '@ledger/observability';
import { loadDevAuth, readServiceConfig, type ServiceNode, startServiceNode } from '@ledger/host';
import { SERVICES } from '@ledger/registry';

const now = () => performance.timeOrigin + performance.now();

/*
 * Outcomes come in runs (a consumer transaction applies up to 200 messages): one write per run
 * rather than per line keeps the measuring from costing the two processes a system call and a
 * wake-up per event. Each line keeps the time its own commit was seen.
 */
let pending = '';
function report(line: string): void {
  if (pending === '') setImmediate(flush);
  pending += line;
}
function flush(): void {
  process.stdout.write(pending);
  pending = '';
}

async function start(env: Record<string, string>): Promise<ServiceNode> {
  Object.assign(process.env, env);
  const config = readServiceConfig(process.env, SERVICES);
  const logger = createLogger({ service: config.service.name, destination: pino.destination(2) });
  const auth = await loadDevAuth(process.env, '');
  return startServiceNode({
    config,
    keyProvider: LocalKeyProvider.fromEnv(process.env.LEDGER_MASTER_KEYS ?? ''),
    auth: auth.verifier,
    logger,
    onOutcome: (outcome) => report(`o ${outcome.eventId} ${outcome.outcome} ${now().toFixed(3)}\n`),
  });
}

let node: Promise<ServiceNode> | null = null;
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (node === null) {
    node = start(JSON.parse(line) as Record<string, string>);
    node.then(
      () => process.stdout.write('ready\n'),
      (error: unknown) => {
        process.stderr.write(`claims bench node failed: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  }
});
lines.once('close', () => {
  void (node ?? Promise.resolve(null)).then((started) => started?.close()).finally(() => process.exit(0));
});
