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
/** Version 2 seals the actor filter and the reason; version 1 had them in clear. */
export const AUDIT_EXPORTED_VERSION = 2;

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

/**
 * The `AuditExported` event of an export. Who the export was limited to and why are what the
 * requester typed: sealed, so that shredding the export's stream erases them.
 */
export function auditExportedEvent(record: ExportRecord): {
  type: typeof AUDIT_EXPORTED;
  schemaVersion: number;
  data: JsonObject;
  personal: JsonObject;
} {
  const { selection, range } = record;
  return {
    type: AUDIT_EXPORTED,
    schemaVersion: AUDIT_EXPORTED_VERSION,
    data: {
      exportId: record.exportId,
      range: { from: selection.from.toISOString(), to: selection.to.toISOString() },
      orgSeqRange: { start: range.start, end: range.end },
      treeSize: record.treeSize,
      categories: [...selection.categories],
      actorCount: selection.actors.length,
      personal: record.decrypted ? 'decrypted' : 'withheld',
      eventCount: record.eventCount,
      manifestSha256: record.manifestSha256,
    },
    personal: { actors: [...selection.actors], reason: selection.reason },
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
      return [auditExportedEvent(record)];
    },
    metadata,
  });
  if (appended === null) throw new Error(`export ${record.exportId} decided no event`);
  return appended;
}
