import {
  handleCommand,
  VersionConflictError,
  type AppendResult,
  type CommandStore,
  type EventMetadata,
  type JsonObject,
} from '@ledger/ledger';
import type { ExportSelection } from '../export/exportRequest';
import type { OrgSeqRange } from '../export/orgSeqRange';

export const AUDIT_EXPORTED = 'AuditExported';

export function exportStreamId(exportId: string): string {
  return `audit-export-${exportId}`;
}

/** What an export held, as recorded before a byte of it is sent. */
export interface ExportRecord {
  exportId: string;
  selection: ExportSelection;
  range: OrgSeqRange;
  treeSize: number;
  eventCount: number;
  manifestSha256: string;
  /** Personal parts were decrypted (the compliance role) rather than withheld. */
  decrypted: boolean;
}

export function auditExportedData(record: ExportRecord): JsonObject {
  const { selection, range } = record;
  return {
    exportId: record.exportId,
    range: { from: selection.from.toISOString(), to: selection.to.toISOString() },
    orgSeqRange: { start: range.start, end: range.end },
    treeSize: record.treeSize,
    categories: [...selection.categories],
    actors: [...selection.actors],
    reason: selection.reason,
    personal: record.decrypted ? 'decrypted' : 'withheld',
    eventCount: record.eventCount,
    manifestSha256: record.manifestSha256,
  };
}

/**
 * Records an export as `AuditExported`, the only event of its own `audit-export-<exportId>`
 * stream. Export ids are fresh, so a stream already there means an id was reused: refused with
 * the same version conflict an append to a taken stream raises.
 */
export async function recordExport(
  store: CommandStore,
  orgId: string,
  metadata: EventMetadata,
  record: ExportRecord,
): Promise<AppendResult> {
  const streamId = exportStreamId(record.exportId);
  const { appended } = await handleCommand<null>(store, {
    orgId,
    streamId,
    initialState: () => null,
    evolve: (state) => state,
    decide: (_, stream) => {
      if (stream.revision >= 0) throw new VersionConflictError(streamId, 'no_stream', stream.revision);
      return [{ type: AUDIT_EXPORTED, data: auditExportedData(record) }];
    },
    metadata,
  });
  if (appended === null) throw new Error(`export ${record.exportId} decided no event`);
  return appended;
}
