import { CommanderError } from 'commander';
import type { Telemetry } from '@ledger/observability/telemetry';
import { version } from '../package.json';

/**
 * The long commands export their spans and metrics over OTLP when `OTEL_*` asks for it; the
 * others start faster without the SDK. No admin port: a command is gone before a scrape.
 */
function isLong(argv: readonly string[]): boolean {
  const [command, sub] = argv.slice(2);
  return (
    command === 'verify' ||
    command === 'migrate' ||
    (command === 'projections' && sub === 'rebuild') ||
    (command === 'erasure' && sub === 'apply-due') ||
    (command === 'retention' && sub === 'apply')
  );
}

async function startTelemetryFor(argv: readonly string[]): Promise<Telemetry | undefined> {
  if (!isLong(argv)) return undefined;
  // Loaded before the commands, so that pg is instrumented when they require it.
  const { startTelemetryOrExit } = await import('@ledger/observability/telemetry');
  return startTelemetryOrExit({ serviceName: 'ledger-cli', serviceVersion: version }, 'ledger: refused');
}

async function main(argv: string[]): Promise<number> {
  const telemetry = await startTelemetryFor(argv);
  const { errorLine, exitCodeOf } = await import('./errors/errorLine');
  try {
    const { buildProgram } = await import('./program');
    await buildProgram().parseAsync(argv);
    // A command may set its own exit code (a cancelled rebuild: 130).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Messages name ids and codes only; stack traces stay out of operator output.
    process.stderr.write(`${errorLine(error, argv.includes('--json'))}\n`);
    return exitCodeOf(error);
  } finally {
    await telemetry?.shutdown();
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
