import type { Ledger } from '@ledger/ledger';
import { demoAccountEvents } from '../src/examples/demo/demoEvents';

/**
 * Appends `accounts` example account streams of `movements` each to one org, from `writers`
 * concurrent writers in appends of at most `batch` events, then waits for sequencing.
 */
export async function seedOrg(
  ledger: Ledger,
  orgId: string,
  accounts: number,
  movements: number,
  options: { writers: number; batch: number },
): Promise<number> {
  let next = 0;
  let appended = 0;
  const writer = async () => {
    for (let account = next++; account < accounts; account = next++) {
      const events = demoAccountEvents(account, movements);
      for (let from = 0; from < events.length; from += options.batch) {
        const slice = events.slice(from, from + options.batch);
        await ledger.append({ orgId, streamId: `demo-acc-${account}`, expectedRevision: 'any', events: slice });
        appended += slice.length;
      }
    }
  };
  await Promise.all(Array.from({ length: options.writers }, writer));
  await ledger.sequencer.drain();
  return appended;
}
