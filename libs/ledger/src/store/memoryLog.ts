import { streamKeyOf } from '../crypto/streamKeys';
import type { RecordedEvent, SequencedEvent } from '../events/types';
import type { EventRow } from '../append/preparedEvent';
import { parseRows, parseSequencedRows, type ParsedPage } from '../read/rowToEvent';

/** An event as the in-memory store keeps it: the canonical text, as PostgreSQL stores it, and its sequence. */
export interface MemoryRow {
  position: number;
  logSeq: number;
  orgSeq: number;
  orgId: string;
  streamId: string;
  streamRevision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  recordedAt: Date;
  canonical: string;
  leafHash: string;
  contentDigest: Buffer;
}

/**
 * The events and the indexes reads need. Appends are sequenced as they are stored: with one
 * thread and no transactions there is no commit that could land late, so commit order, log
 * order and per-org order are all append order.
 */
export class MemoryLog {
  readonly rows: MemoryRow[] = [];
  private readonly byStream = new Map<string, MemoryRow[]>();
  private readonly byOrg = new Map<string, MemoryRow[]>();
  private readonly byEventId = new Map<string, MemoryRow>();
  private readonly byPosition = new Map<number, MemoryRow>();

  stream(orgId: string, streamId: string): readonly MemoryRow[] {
    return this.byStream.get(streamKeyOf(orgId, streamId)) ?? [];
  }

  org(orgId: string): readonly MemoryRow[] {
    return this.byOrg.get(orgId) ?? [];
  }

  orgIds(): string[] {
    return [...this.byOrg.keys()];
  }

  byId(eventId: string): MemoryRow | undefined {
    return this.byEventId.get(eventId);
  }

  atPosition(position: number): MemoryRow | undefined {
    return this.byPosition.get(position);
  }

  /** The stream's last revision, -1 when it has no events. */
  head(orgId: string, streamId: string): number {
    const stream = this.stream(orgId, streamId);
    return stream.length - 1;
  }

  /** Stores rows already checked against the stream head; returns their positions. */
  store(orgId: string, streamId: string, rows: readonly EventRow[], recordedAt: Date): number[] {
    const streamKey = streamKeyOf(orgId, streamId);
    const stream = this.byStream.get(streamKey) ?? [];
    const org = this.byOrg.get(orgId) ?? [];
    const positions = rows.map((row) => {
      const stored: MemoryRow = {
        position: this.rows.length + 1,
        logSeq: this.rows.length,
        orgSeq: org.length,
        orgId,
        streamId,
        streamRevision: row.streamRevision,
        eventId: row.prepared.eventId,
        type: row.prepared.type,
        schemaVersion: row.prepared.schemaVersion,
        recordedAt,
        canonical: row.canonical,
        leafHash: row.leafHash.toString('hex'),
        contentDigest: row.prepared.contentDigest,
      };
      this.rows.push(stored);
      stream.push(stored);
      org.push(stored);
      this.byEventId.set(stored.eventId, stored);
      this.byPosition.set(stored.position, stored);
      return stored.position;
    });
    this.byStream.set(streamKey, stream);
    this.byOrg.set(orgId, org);
    return positions;
  }
}

const columnsOf = (row: MemoryRow) => ({
  position: String(row.position),
  canonical: row.canonical,
  leaf_hash: row.leafHash,
  org_seq: String(row.orgSeq),
  log_seq: String(row.logSeq),
});

/**
 * Parses rows as the PostgreSQL reads do, so each read hands out fresh objects built the same
 * way: stream reads without sequence numbers (an event is in its stream before it is sequenced).
 */
export function parseMemoryRows(rows: readonly MemoryRow[]): ParsedPage<RecordedEvent> {
  return parseRows(
    rows.map((row) => ({ position: String(row.position), canonical: row.canonical, leaf_hash: row.leafHash })),
  );
}

export function parseMemorySequenced(rows: readonly MemoryRow[]): ParsedPage<SequencedEvent> {
  return parseSequencedRows(rows.map(columnsOf));
}
