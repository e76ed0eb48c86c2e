import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { awaitViews } from '@ledger/host';
import {
  BUNDLE_FILES,
  TreeProofs,
  canonicalJson,
  exportBundle,
  latestSignedSize,
  type EventStore,
  type JsonObject,
} from '@ledger/ledger';
import { inSpan } from '@ledger/observability';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import { bundleReadme } from '../export/bundleReadme';
import { parseExportRequest, type ExportRequest, type ExportSelection } from '../export/exportRequest';
import { orgSeqRange, type OrgSeqRange } from '../export/orgSeqRange';
import { tarGzStream } from '../export/tarGz';
import { TRAIL_FILES, writeTrailFiles } from '../export/trailFiles';
import type { AuditDeps } from '../audit.deps';
import { exportStreamId, recordExport } from './recordExport';

export const EXPORT_SUMMARY_FORMAT = 'ledger-audit-export/1';

/** What an export needs: the store's port for reads and the record, the pool for the Merkle tree. */
export type ExportDeps = Omit<AuditDeps, 'ledger' | 'projections'> & { ledger: EventStore };

export interface AuditExport {
  exportId: string;
  /** The AuditExported event recording this export. */
  eventId: string;
  /** Suggested download name; the archive unpacks into a folder of the same stem. */
  fileName: string;
  manifestSha256: string;
  eventCount: number;
  range: OrgSeqRange;
  treeSize: number;
  /** The bundle as a gzip-compressed tar, read from disk as it is sent; its folder is removed after. */
  archive: Readable;
}

/**
 * Exports an org's audit trail as an offline-verifiable bundle: the format's events, proofs,
 * tree head, keys and signed manifest for the contiguous range that holds the selected events,
 * plus the selection itself as trail.jsonl and events.csv, listed in that signed manifest.
 * Personal parts are decrypted for the compliance role only (erased ones stay erased). The
 * export is recorded in the ledger before a byte is sent.
 */
export async function exportTrail(deps: ExportDeps, ctx: RequestContext, request: ExportRequest): Promise<AuditExport> {
  return inSpan('@ledger/audit', 'audit.export', { 'ledger.org_id': ctx.orgId }, async (span) => {
    const exported = await exportTrailInSpan(deps, ctx, request);
    span.setAttributes({
      'audit.export.id': exported.exportId,
      'ledger.events': exported.eventCount,
      'ledger.export.tree_size': exported.treeSize,
    });
    return exported;
  });
}

async function exportTrailInSpan(deps: ExportDeps, ctx: RequestContext, request: ExportRequest): Promise<AuditExport> {
  const selection = parseExportRequest(request);
  const exportId = randomUUID();
  const treeSize = await signCurrentTree(deps, ctx.orgId);
  const range = await orgSeqRange(deps.ledger, ctx.orgId, selection, treeSize);
  const dir = await mkdtemp(join(deps.workDir ?? tmpdir(), 'audit-export-'));
  try {
    const decrypt = ctx.role === 'compliance';
    const eventCount = await writeTrailFiles(
      deps.ledger,
      ctx.orgId,
      dir,
      range,
      selection,
      decrypt ? 'decrypt' : 'withhold',
    );
    const summary = exportSummary(ctx, exportId, selection, range, eventCount, decrypt);
    await writeFile(join(dir, TRAIL_FILES.summary), canonicalJson(summary));
    const root = exportStreamId(exportId);
    await writeFile(join(dir, TRAIL_FILES.readme), bundleReadme(`${root}.tar.gz`));
    const manifest = await exportBundle({
      pool: deps.pool,
      orgId: ctx.orgId,
      dir,
      keys: deps.signingKeys,
      range,
      extraFiles: [TRAIL_FILES.trail, TRAIL_FILES.csv, TRAIL_FILES.summary, TRAIL_FILES.readme],
    });
    const manifestSha256 = createHash('sha256')
      .update(await readFile(join(dir, BUNDLE_FILES.manifest)))
      .digest('hex');
    const recorded = await recordExport(deps.ledger, ctx.orgId, eventMetadata(ctx), {
      exportId,
      selection,
      range,
      treeSize: manifest.treeSize,
      eventCount,
      manifestSha256,
      decrypted: decrypt,
    });
    await awaitViews(deps.waiter, ctx, recorded.positions);
    const files = [...manifest.files.map((file) => file.path), BUNDLE_FILES.manifest, BUNDLE_FILES.manifestSignature];
    return {
      exportId,
      eventId: recorded.eventIds[0],
      fileName: `${root}.tar.gz`,
      manifestSha256,
      eventCount,
      range,
      treeSize: manifest.treeSize,
      archive: tarGzStream(dir, files, { root, cleanup: () => rm(dir, { recursive: true, force: true }) }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Signs a tree head when the org's tree grew since the last one, so the export covers every
 * sequenced event; returns the signed size the export may reach.
 */
async function signCurrentTree(deps: Pick<ExportDeps, 'pool' | 'treeHeads'>, orgId: string): Promise<number> {
  const size = await new TreeProofs(deps.pool).treeSize(orgId);
  const signed = await latestSignedSize(deps.pool, orgId);
  if (signed >= size) return signed;
  const head = await deps.treeHeads.publish(orgId);
  return head.treeSize;
}

function exportSummary(
  ctx: RequestContext,
  exportId: string,
  selection: ExportSelection,
  range: OrgSeqRange,
  eventCount: number,
  decrypted: boolean,
): JsonObject {
  return {
    format: EXPORT_SUMMARY_FORMAT,
    exportId,
    orgId: ctx.orgId,
    requestedBy: ctx.actor,
    role: ctx.role,
    requestId: ctx.requestId,
    selection: {
      from: selection.from.toISOString(),
      to: selection.to.toISOString(),
      categories: [...selection.categories],
      actors: [...selection.actors],
    },
    reason: selection.reason,
    range: { start: range.start, end: range.end },
    eventCount,
    personal: decrypted ? 'decrypted' : 'withheld',
    files: { trail: TRAIL_FILES.trail, csv: TRAIL_FILES.csv },
  };
}
