/** The toy service as a multi-node process: the registry's services plus the toy, hosting the one SERVICES names. */
import { startTelemetryOrExit } from '@ledger/observability/telemetry';
import { version } from '../../package.json';

const telemetry = startTelemetryOrExit({ serviceName: 'toy', serviceVersion: version }, 'toy: refusing to start');
void Promise.all([
  import('@ledger/host'),
  import('@ledger/registry'),
  import('../launch/parentWatch'),
  import('./toyService'),
]).then(([{ runServiceProcess }, { SERVICES }, { watchParentPipe }, { toyService }]) => {
  const stop = runServiceProcess([...SERVICES, toyService], telemetry);
  watchParentPipe(() => stop('SIGHUP'));
});
