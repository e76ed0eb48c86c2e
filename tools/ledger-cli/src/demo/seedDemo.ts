import type { JsonObject, Ledger } from '@ledger/ledger';

export const DEMO_ORG = 'demo-household';

interface DemoEvent {
  streamId: string;
  eventId: string;
  type: string;
  data: JsonObject;
  personal: JsonObject;
}

/** Invented people and documents; fixed event ids make seeding idempotent across restarts. */
const DEMO_EVENTS: DemoEvent[] = [
  {
    streamId: 'evidence-doc-1',
    eventId: '5a1f0c2e-0000-4000-8000-000000000001',
    type: 'DocumentIngested',
    data: { documentId: 'doc-1', provider: 'gmail', messageId: 'msg-1001' },
    personal: { subject: 'Annual review next month', from: 'avery.example@example.test' },
  },
  {
    streamId: 'evidence-doc-1',
    eventId: '5a1f0c2e-0000-4000-8000-000000000002',
    type: 'EvidenceSpanPinned',
    data: { documentId: 'doc-1', documentVersionId: 'doc-1-v1', startChar: 12, endChar: 48 },
    personal: { text: 'IRA ending 4421 should be rebalanced' },
  },
  {
    streamId: 'claim-1',
    eventId: '5a1f0c2e-0000-4000-8000-000000000003',
    type: 'ClaimAsserted',
    data: { claimId: 'claim-1', predicate: 'holdsAccount', citations: ['span-1'] },
    personal: { statement: 'Avery holds an IRA ending 4421' },
  },
];

export async function seedDemo(ledger: Ledger): Promise<boolean> {
  let wrote = false;
  for (const { streamId, ...event } of DEMO_EVENTS) {
    const result = await ledger.append({
      orgId: DEMO_ORG,
      streamId,
      expectedRevision: 'any',
      events: [{ ...event, metadata: { actor: 'demo-seed' } }],
    });
    wrote ||= !result.alreadyStored;
  }
  return wrote;
}
