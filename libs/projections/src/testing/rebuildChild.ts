// A rebuild in its own process, for the crash test: inside the batch holding `KILL_AT_SEQ` it
// writes some rows of the new generation, says so, and waits to be killed.
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Ledger, LocalKeyProvider } from '@ledger/ledger';
import { demoHangingAt } from './hangAtSeq';
import { rebuildOrg } from '../rebuild/rebuildOrg';

const killAt = Number(process.env.KILL_AT_SEQ);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const ledger = new Ledger({ pool, keyProvider: new LocalKeyProvider({ k: randomBytes(32) }), runSequencer: false });
const definition = demoHangingAt(killAt, 'mid-rebuild');
void rebuildOrg({ pool, ledger }, definition, String(process.env.ORG_ID), { actor: 'crash-test', batchSize: 50 });
