/**
 * One service of the multi-node topology as its own process (see `runServiceProcess`).
 * Telemetry starts first, before the service's modules load: the http and pg instrumentation
 * patch those modules as they are first required.
 */
import { startTelemetryOrExit } from '@ledger/observability/telemetry';
import { version } from '../package.json';

const service = process.env.SERVICES?.trim() || 'service';
const telemetry = startTelemetryOrExit(
  { serviceName: service, serviceVersion: version },
  `${service}: refusing to start`,
);
void Promise.all([import('@ledger/host'), import('@ledger/registry'), import('./launch/parentWatch')]).then(
  ([{ runServiceProcess }, { SERVICES }, { watchParentPipe }]) => {
    const stop = runServiceProcess(SERVICES, telemetry);
    // Started by start:multi (or a test): leave when it does, even if it could not say so.
    watchParentPipe(() => stop('SIGHUP'));
  },
);
