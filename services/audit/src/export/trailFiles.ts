import { join } from 'node:path';
import { canonicalJson, streamCategory, type EventStore, type JsonObject, type PersonalAccess } from '@ledger/ledger';
import { selects, type ExportSelection } from './exportRequest';
import { LineFile } from './lineFile';
import type { OrgSeqRange } from './orgSeqRange';
import { CSV_HEADER, eventCsvRow } from './trailCsv';

/** The audit service's files in a bundle, beside the format's own (contracts/audit-export.md). */
export const TRAIL_FILES = {
  /** The selected events: canonical event, leaf hash and (for compliance) decrypted personal part. */
  trail: 'trail.jsonl',
  /** The same events, one row each, for spreadsheets. */
  csv: 'events.csv',
  /** Who exported what, when and why, and what the bundle holds. */
  summary: 'export.json',
  /** What the bundle is and how to verify it, naming the examiner's verifier and its SHA-256. */
  readme: 'README.txt',
} as const;

/**
 * Writes trail.jsonl and events.csv: the events of `range` that the selection picks, read from
 * the ledger a page at a time (constant memory). Returns how many were written.
 */
export async function writeTrailFiles(
  ledger: Pick<EventStore, 'readOrg'>,
  orgId: string,
  dir: string,
  range: OrgSeqRange,
  selection: ExportSelection,
  personal: PersonalAccess,
): Promise<number> {
  const jsonl = new LineFile(join(dir, TRAIL_FILES.trail));
  const csv = new LineFile(join(dir, TRAIL_FILES.csv));
  let count = 0;
  try {
    await csv.write(CSV_HEADER);
    if (range.start < range.end) {
      for await (const event of ledger.readOrg(orgId, { from: range.start, personal, batchSize: 500 })) {
        if (event.orgSeq >= range.end) break;
        const picked = selects(selection, {
          recordedAt: event.recordedAt,
          category: streamCategory(event.streamId),
          actor: event.metadata.actor,
        });
        if (!picked) continue;
        const line: JsonObject = {
          orgSeq: event.orgSeq,
          leafHash: event.leafHash,
          event: JSON.parse(event.canonical) as JsonObject,
          personalState: event.personalState,
          personal: event.personal,
        };
        await jsonl.write(`${canonicalJson(line)}\n`);
        await csv.write(eventCsvRow(event));
        count++;
      }
    }
    await jsonl.close();
    await csv.close();
    return count;
  } catch (error) {
    jsonl.abandon();
    csv.abandon();
    throw error;
  }
}
