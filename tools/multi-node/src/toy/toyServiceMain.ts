/** The toy service as a multi-node process: the registry's services plus the toy, hosting the one SERVICES names. */
import { runServiceProcess } from '@ledger/host';
import { SERVICES } from '@ledger/registry';
import { watchParentPipe } from '../launch/parentWatch';
import { toyService } from './toyService';

const stop = runServiceProcess([...SERVICES, toyService]);
watchParentPipe(() => stop('SIGHUP'));
