import { randomUUID } from 'node:crypto';
import {
  auditExportedEvent,
  erasureCarriedOutEvent,
  erasureRequestedEvent,
  erasureStreamId,
  exportStreamId,
  parseExportRequest,
} from '@ledger/audit';
import { PROJECTION_AUDIT_STREAM, PROJECTION_SKIPPED_VERSION, type ProjectionAuditType } from '@ledger/projections';
import {
  COMPLIANCE_STREAM,
  Ed25519KeyRing,
  ERASURE_CERTIFICATE_KIND,
  erasureCertificateSigningBytes,
  treeHeadSigningBytes,
  type ErasureCertificate,
  type SignedTreeHead,
  type UnsignedErasureCertificate,
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
    ...erasureEvents(ctx),
  ];
}

/** A request kept in part by retention and a hold, then carried out with a certificate really signed. */
function erasureEvents(ctx: RequestContext): ProducedEvent[] {
  const requestId = randomUUID();
  const streamId = erasureStreamId(requestId);
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  const key = keys.signingKey(new Date());
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const head = (treeSize: number, timestamp: string): SignedTreeHead => {
    const unsigned = { orgId: ctx.orgId, treeSize, rootHash: 'ab'.repeat(32), timestamp, keyId: key.keyId };
    return { ...unsigned, signature: hex(key.sign(treeHeadSigningBytes(unsigned))) };
  };
  const unsigned: UnsignedErasureCertificate = {
    kind: ERASURE_CERTIFICATE_KIND,
    v: 1,
    certificateId: randomUUID(),
    requestId,
    orgId: ctx.orgId,
    subject: { entityId: 'client-42' },
    erasedAt: '2032-05-01T10:00:00.000Z',
    streams: [
      { streamId: 'brief-b1', dataKeyId: null },
      { streamId: 'evidence-d1', dataKeyId: 'cd'.repeat(32) },
    ],
    treeHeadBefore: head(120, '2032-05-01T10:00:00.000Z'),
    treeHeadAfter: head(121, '2032-05-01T10:00:01.000Z'),
    consistency: ['ef'.repeat(32)],
    publicKeys: keys.publicKeys(),
    keyId: key.keyId,
  };
  const certificate: ErasureCertificate = {
    ...unsigned,
    signature: hex(key.sign(erasureCertificateSigningBytes(unsigned))),
  };
  const metadata = { actor: ctx.actor };
  return [
    {
      streamId,
      ...erasureRequestedEvent({
        requestId,
        entityId: 'client-42',
        requestedAt: '2026-05-01T10:00:00.000Z',
        streams: [
          { streamId: 'entity-client-42', decision: 'erase' },
          {
            streamId: 'evidence-d1',
            decision: 'retain',
            legalBasis: 'GDPR Art. 17(3)(b)',
            retainedUntil: '2032-05-01T10:00:00.000Z',
          },
          { streamId: 'brief-b1', decision: 'hold', legalBasis: 'GDPR Art. 17(3)(e)', heldBy: [randomUUID()] },
        ],
        dueAt: null,
      }),
      metadata,
    },
    {
      streamId,
      ...erasureCarriedOutEvent({ requestId, carriedOutAt: '2032-05-01T10:00:00.000Z', certificate }),
      metadata: { actor: 'erasure-sweeper' },
    },
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
