import { randomUUID } from 'node:crypto';
import { auditExportedEvent, exportStreamId, parseExportRequest } from '@ledger/audit';
import { PROJECTION_AUDIT_STREAM, PROJECTION_SKIPPED_VERSION, type ProjectionAuditType } from '@ledger/projections';
import {
  COMPLIANCE_STREAM,
  legalHoldPlacedData,
  legalHoldReleasedData,
  retentionClassSetData,
  retentionShreddedData,
  sweepStream,
} from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { ProducedEvent } from './eventMessage';

/*
 * The export's data is built inline in exportTrail, and the projection actions' inside the
 * projections library, neither behind a type or a pure function: these mirror them field for
 * field (the request goes through the service's own parser). Extracting a typed builder there
 * would let the compiler catch drift here too.
 */

function auditExported(ctx: RequestContext): ProducedEvent {
  const exportId = randomUUID();
  const selection = parseExportRequest({
    from: '2026-01-01T00:00:00Z',
    to: '2026-02-01T00:00:00Z',
    categories: ['claim', 'evidence'],
    actors: ['user-advisor'],
    reason: 'FINRA-REQ-2026-14',
  });
  const record = {
    exportId,
    selection,
    range: { start: 3, end: 120 },
    treeSize: 130,
    eventCount: 95,
    manifestSha256: 'ab'.repeat(32),
    decrypted: false,
  };
  return { streamId: exportStreamId(exportId), ...auditExportedEvent(record), metadata: eventMetadata(ctx) };
}

function projectionAction(ctx: RequestContext, type: ProjectionAuditType, data: object): ProducedEvent {
  // Projection actions carry only the operator as metadata.
  return { streamId: PROJECTION_AUDIT_STREAM, type, data, metadata: { actor: ctx.actor } };
}

export function auditEvents(ctx: RequestContext): ProducedEvent[] {
  const base = { projection: 'claims', orgId: ctx.orgId, generation: 2, version: 1, dryRun: false };
  return [
    auditExported(ctx),
    projectionAction(ctx, 'ProjectionRebuildStarted', base),
    projectionAction(ctx, 'ProjectionRebuildFinished', {
      ...base,
      outcome: 'switched',
      eventsApplied: 120,
      identical: true,
      comparable: true,
    }),
    {
      ...projectionAction(ctx, 'ProjectionSkipped', {
        projection: 'claims',
        orgId: ctx.orgId,
        skippedSeq: 41,
        skippedEventId: randomUUID(),
      }),
      schemaVersion: PROJECTION_SKIPPED_VERSION,
      personal: { reason: 'INC-7: malformed legacy event' },
    },
    projectionAction(ctx, 'ProjectionResumed', { projection: 'claims', orgId: ctx.orgId }),
    ...complianceEvents(ctx),
  ];
}

/** The ledger's compliance events, built by the same functions the ledger appends them with. */
function complianceEvents(ctx: RequestContext): ProducedEvent[] {
  const holdId = randomUUID();
  const sweepId = randomUUID();
  const sealed = (reason: string) => ({ personal: { reason } });
  const compliance = (type: string, data: ProducedEvent['data'], reason: string): ProducedEvent => ({
    streamId: COMPLIANCE_STREAM,
    type,
    data,
    metadata: { actor: ctx.actor },
    ...sealed(reason),
  });
  return [
    compliance(
      'RetentionClassSet',
      retentionClassSetData(
        { category: 'evidence', regulation: 'sec-17a-4', durationMonths: 84 },
        { regulation: 'sec-17a-4', durationMonths: 72 },
      ),
      'firm policy',
    ),
    compliance(
      'RetentionClassSet',
      retentionClassSetData({ category: 'claim', regulation: 'advisers-204-2', durationMonths: 60 }, null),
      'r',
    ),
    compliance('LegalHoldPlaced', legalHoldPlacedData(holdId, { kind: 'entity', entityId: 'client-42' }), 'matter 17'),
    compliance(
      'LegalHoldPlaced',
      legalHoldPlacedData(randomUUID(), {
        kind: 'time-range',
        from: new Date('2026-01-01'),
        to: new Date('2027-01-01'),
      }),
      'period',
    ),
    compliance('LegalHoldReleased', legalHoldReleasedData(holdId), 'settled'),
    {
      streamId: sweepStream(sweepId),
      type: 'RetentionShredded',
      data: retentionShreddedData(
        {
          streamId: `evidence-${randomUUID()}`,
          category: 'evidence',
          regulation: 'finra-4511',
          durationMonths: 72,
          lastEventAt: new Date('2019-05-01T10:00:00Z'),
          retainedUntil: new Date('2025-05-01T10:00:00Z'),
          heldBy: [],
        },
        sweepId,
      ),
      metadata: { actor: ctx.actor },
    },
  ];
}
