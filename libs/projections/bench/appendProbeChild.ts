// The other org's traffic, in its own process as a service's would be: appends one event
// every INTERVAL_MS until the parent sends 'stop', then sends back every latency in ms.
import { randomBytes } from 'node:crypto';
import { createPool, Ledger, LEDGER_WRITER_ROLE, LocalKeyProvider } from '@ledger/ledger';
import { demoMovements } from '../src/examples/demo/demoEvents';

const orgId = String(process.env.ORG_ID);
const intervalMs = Number(process.env.INTERVAL_MS);
const offset = Number(process.env.OFFSET);
const pool = createPool({ connectionString: process.env.DATABASE_URL, max: 2, role: LEDGER_WRITER_ROLE });
const ledger = new Ledger({ pool, keyProvider: new LocalKeyProvider({ probe: randomBytes(32) }), runSequencer: false });
let running = true;
process.on('message', () => (running = false));

async function main(): Promise<void> {
  const latencies: number[] = [];
  await ledger.append(demoMovements(orgId, 0, 1, offset)); // warm the connection and caches
  process.send?.('ready');
  for (let n = 1; running; n++) {
    const started = performance.now();
    await ledger.append(demoMovements(orgId, n % 20, 1, offset + n));
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await ledger.close();
  await pool.end();
  // The IPC channel would keep this process alive; let it go once the parent has the numbers.
  process.send?.(latencies, () => process.disconnect());
}

void main();
