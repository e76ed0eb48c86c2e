// A runner in its own process, for the crash test: it projects one org with small batches and,
// inside the batch holding `KILL_AT_SEQ`, writes some rows, says so, and waits to be killed.
import { Pool } from 'pg';
import { demoHangingAt } from './hangAtSeq';
import { ProjectionRunner } from '../runner/projectionRunner';

const killAt = Number(process.env.KILL_AT_SEQ);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const definition = demoHangingAt(killAt, 'mid-batch');
new ProjectionRunner(pool, [definition], { batchSize: Number(process.env.BATCH_SIZE), pollMs: 50 }).start();
