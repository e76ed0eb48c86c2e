/**
 * `npm start`: evidence, claims, meeting prep and audit in one process on the embedded
 * PostgreSQL (or DATABASE_URL), migrated, with the demo household seeded once; prints the URL,
 * a token per role and a walk-through. Ctrl-C shuts down cleanly.
 *
 * package.json runs it as `exec node --import tsx …`: no shell and no tsx wrapper process stand
 * between npm and this process, so the SIGTERM or SIGINT npm forwards (a process manager signals
 * npm alone) reaches the process that stops the API, the core and the embedded server.
 *
 * Telemetry starts here, before the rest is loaded: the http and pg instrumentation patch those
 * modules as they are first required, and the services' meters must come from the installed
 * provider (`OTEL_*` variables, README "Observability").
 */
import { startTelemetryOrExit } from '@ledger/observability/telemetry';
import { version } from '../package.json';

const telemetry = startTelemetryOrExit({ serviceName: 'single-node', serviceVersion: version }, 'start refused');
void import('./singleNode').then(({ startSingleNode }) => startSingleNode(telemetry));
