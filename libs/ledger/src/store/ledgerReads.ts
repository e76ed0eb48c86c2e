import type { Pool, PoolClient } from 'pg';
import type { SequencedEvent } from '../events/types';
import { assertOrgId } from '../events/validateAppend';
import * as orgIndex from '../read/orgIndex';
import { readOrgRangeSealed } from '../read/readSequenced';
import type { EventStore } from './eventStore';
import type { OrgRangeOptions, OrgSeqBounds, OrgSize, RecordedWindow } from './orgReads';

/** The port's reads of sequence, heads and positions, which need no data key. */
export type LedgerReads = Pick<
  EventStore,
  | 'readOrgRange'
  | 'orgSize'
  | 'orgSizes'
  | 'logHead'
  | 'positionsOf'
  | 'orgSeqsOf'
  | 'lastSequencedPosition'
  | 'lastCommittedPosition'
  | 'recordedAt'
  | 'orgSeqBoundsRecorded'
  | 'hasEvents'
  | 'countEvents'
>;

/**
 * The PostgreSQL store's key-free reads over a pool or one open transaction's client: for code
 * that holds a connection but no `Ledger` (the projection runner, the relay's checkpoints), and
 * for reads that must see exactly what the caller's transaction sees (a projection batch reads
 * its events and moves its checkpoint in one transaction). Personal parts stay withheld: there
 * are no keys here, so asking to decrypt is a programming error.
 */
export function ledgerReads(db: Pool | PoolClient): LedgerReads {
  return {
    async readOrgRange(orgId: string, options: OrgRangeOptions): Promise<SequencedEvent[]> {
      assertOrgId(orgId);
      if (options.personal === 'decrypt') throw new Error('ledgerReads withholds personal parts: decrypt via Ledger');
      const through = options.through ?? Number.MAX_SAFE_INTEGER;
      const page = await readOrgRangeSealed(db, orgId, { after: options.after, through, limit: options.limit });
      return page.events;
    },
    orgSize: (orgId: string): Promise<number> => orgIndex.orgSize(db, checked(orgId)),
    orgSizes: (orgId?: string): Promise<OrgSize[]> =>
      orgIndex.orgSizes(db, orgId === undefined ? undefined : checked(orgId)),
    logHead: (): Promise<number> => orgIndex.logHead(db),
    positionsOf: (orgId: string, orgSeqs: readonly number[]): Promise<Map<number, number>> =>
      orgIndex.positionsOf(db, checked(orgId), orgSeqs),
    orgSeqsOf: (positions: readonly number[]): Promise<Map<number, number>> => orgIndex.orgSeqsOf(db, positions),
    lastSequencedPosition: (orgId: string): Promise<number | null> =>
      orgIndex.lastSequencedPosition(db, checked(orgId)),
    lastCommittedPosition: (orgId: string): Promise<number | null> =>
      orgIndex.lastCommittedPosition(db, checked(orgId)),
    recordedAt: (orgId: string, orgSeq: number): Promise<Date | null> =>
      orgIndex.recordedAt(db, checked(orgId), orgSeq),
    orgSeqBoundsRecorded: (orgId: string, window: RecordedWindow): Promise<OrgSeqBounds | null> =>
      orgIndex.orgSeqBoundsRecorded(db, checked(orgId), window),
    hasEvents: (orgId: string): Promise<boolean> => orgIndex.hasEvents(db, checked(orgId)),
    countEvents: (orgId: string, options: { types?: readonly string[] } = {}): Promise<number> =>
      orgIndex.countEvents(db, checked(orgId), options.types),
  };
}

function checked(orgId: string): string {
  assertOrgId(orgId);
  return orgId;
}
