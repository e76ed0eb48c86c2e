import { assertOrgId } from '../events/validateAppend';
import type { MemoryLog } from './memoryLog';
import type { OrgSeqBounds, OrgSize, RecordedWindow } from './orgReads';

/** The head, position and range reads of the event store, over the in-memory log. */
export class MemoryOrgIndex {
  constructor(protected readonly log: MemoryLog) {}

  async orgSize(orgId: string): Promise<number> {
    assertOrgId(orgId);
    return this.log.org(orgId).length;
  }

  async orgSizes(orgId?: string): Promise<OrgSize[]> {
    if (orgId !== undefined) assertOrgId(orgId);
    return this.log
      .orgIds()
      .filter((id) => orgId === undefined || id === orgId)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((id) => ({ orgId: id, size: this.log.org(id).length }));
  }

  async logHead(): Promise<number> {
    return this.log.rows.length - 1;
  }

  async positionsOf(orgId: string, orgSeqs: readonly number[]): Promise<Map<number, number>> {
    assertOrgId(orgId);
    const org = this.log.org(orgId);
    const found = new Map<number, number>();
    for (const seq of orgSeqs) {
      const row = org[seq];
      if (row !== undefined) found.set(seq, row.position);
    }
    return found;
  }

  async orgSeqsOf(positions: readonly number[]): Promise<Map<number, number>> {
    const found = new Map<number, number>();
    for (const position of positions) {
      const row = this.log.atPosition(position);
      if (row !== undefined) found.set(position, row.orgSeq);
    }
    return found;
  }

  async lastSequencedPosition(orgId: string): Promise<number | null> {
    assertOrgId(orgId);
    const org = this.log.org(orgId);
    return org.length === 0 ? null : org[org.length - 1].position;
  }

  /** Every stored event is sequenced here, so the last committed event is the last sequenced one. */
  async lastCommittedPosition(orgId: string): Promise<number | null> {
    return this.lastSequencedPosition(orgId);
  }

  async recordedAt(orgId: string, orgSeq: number): Promise<Date | null> {
    assertOrgId(orgId);
    const row = this.log.org(orgId)[orgSeq];
    return row === undefined ? null : new Date(row.recordedAt.getTime());
  }

  async orgSeqBoundsRecorded(orgId: string, window: RecordedWindow): Promise<OrgSeqBounds | null> {
    assertOrgId(orgId);
    const from = window.from.getTime();
    const to = window.to.getTime();
    const seqs = this.log
      .org(orgId)
      .filter((row) => row.orgSeq < window.before)
      .filter((row) => row.recordedAt.getTime() >= from && row.recordedAt.getTime() < to)
      .map((row) => row.orgSeq);
    return seqs.length === 0 ? null : { first: Math.min(...seqs), last: Math.max(...seqs) };
  }

  async hasEvents(orgId: string): Promise<boolean> {
    assertOrgId(orgId);
    return this.log.org(orgId).length > 0;
  }

  async countEvents(orgId: string, options: { types?: readonly string[] } = {}): Promise<number> {
    assertOrgId(orgId);
    const types = options.types === undefined ? null : new Set(options.types);
    return this.log.org(orgId).filter((row) => types === null || types.has(row.type)).length;
  }
}
