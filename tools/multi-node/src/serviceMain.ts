/** One service of the multi-node topology as its own process (see `runServiceProcess`). */
import { runServiceProcess } from '@ledger/host';
import { SERVICES } from '@ledger/registry';
import { watchParentPipe } from './launch/parentWatch';

const stop = runServiceProcess(SERVICES);
// Started by start:multi (or a test): leave when it does, even if it could not say so.
watchParentPipe(() => stop('SIGHUP'));
