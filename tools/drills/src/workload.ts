import type { Ledger } from '@ledger/ledger';
import { demoAccountEvents, demoMovements } from '@ledger/projections';

/** One acknowledged append: what must be in a restore to a time after `ackedAt`. */
export interface AckedWrite {
  orgId: string;
  eventIds: string[];
  /** The highest global position the append was given. */
  lastPosition: number;
  ackedAt: Date;
}

export interface BulkLoad {
  orgs: readonly string[];
  /** Account streams per org, numbered from `firstAccount`. */
  accounts: number;
  firstAccount: number;
  movements: number;
}

export function eventsOf(load: BulkLoad): number {
  return load.orgs.length * load.accounts * (load.movements + 1);
}

/**
 * Appends the example account streams through the ledger's append API, four writers at a time
 * in appends of up to 1,000 events (group commit), and returns every acknowledged append.
 */
export async function appendBulk(
  ledger: Ledger,
  load: BulkLoad,
  onAppended: (events: number) => void,
  keepAcks: boolean,
): Promise<AckedWrite[]> {
  const jobs = load.orgs.flatMap((orgId) =>
    Array.from({ length: load.accounts }, (_, i) => ({ orgId, account: load.firstAccount + i })),
  );
  const acks: AckedWrite[] = [];
  let next = 0;
  const writer = async () => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      const events = demoAccountEvents(job.account, load.movements);
      for (let from = 0; from < events.length; from += 1000) {
        const slice = events.slice(from, from + 1000);
        const result = await ledger.append({
          orgId: job.orgId,
          streamId: `demo-acc-${job.account}`,
          expectedRevision: 'any',
          events: slice,
        });
        if (keepAcks) acks.push(ackOf(job.orgId, result));
        onAppended(slice.length);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, writer));
  return acks;
}

/** One small append at a time, each acknowledged before the next: the writes a target time falls between. */
export async function appendTrickle(
  ledger: Ledger,
  orgs: readonly string[],
  count: number,
  seed: number,
): Promise<AckedWrite[]> {
  const acks: AckedWrite[] = [];
  for (let i = 0; i < count; i++) {
    const orgId = orgs[i % orgs.length];
    const result = await ledger.append(demoMovements(orgId, 0, 2, seed + i * 2));
    acks.push(ackOf(orgId, result));
  }
  return acks;
}

function ackOf(orgId: string, result: { positions: number[]; eventIds: string[] }): AckedWrite {
  return { orgId, eventIds: result.eventIds, lastPosition: Math.max(...result.positions), ackedAt: new Date() };
}
