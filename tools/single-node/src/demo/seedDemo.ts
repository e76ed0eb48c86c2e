import { DEMO_ACCOUNT_ID, DEMO_CLAIMS, DEMO_ENTITIES, DEMO_MESSAGES, DEMO_SPANS } from './demoHousehold';
import type { ApiCall } from './apiClient';

export interface SeededDemo {
  documents: Record<string, { documentId: string; documentVersionId: string }>;
  spans: Record<string, string>;
}

/**
 * Seeds the demo household through the public API, as the advisor would: the provider
 * account, every message, the spans, entities with their mentions, and the claims. Ids are
 * fixed, so the ledger state (and the brief composed from it) is the same on every machine.
 */
export async function seedDemo(call: ApiCall): Promise<SeededDemo> {
  await call('POST', '/v1/provider-accounts', { id: DEMO_ACCOUNT_ID, provider: 'gmail', label: 'Advisor desk' });
  const documents: SeededDemo['documents'] = {};
  for (const message of DEMO_MESSAGES) {
    const ingested = await call<{ documentId: string; documentVersionId: string }>('POST', '/v1/documents/ingest', {
      providerAccountId: DEMO_ACCOUNT_ID,
      ...message,
    });
    documents[message.messageId] = { documentId: ingested.documentId, documentVersionId: ingested.documentVersionId };
  }
  const spans: SeededDemo['spans'] = {};
  for (const span of DEMO_SPANS) {
    const message = DEMO_MESSAGES.find((m) => m.messageId === span.messageId);
    if (!message) throw new Error(`demo span ${span.key} names an unknown message`);
    const startChar = message.body.indexOf(span.text);
    const pinned = await call<{ spanId: string }>('POST', '/v1/spans', {
      ...documents[span.messageId],
      startChar,
      endChar: startChar + span.text.length,
      text: span.text,
    });
    spans[span.key] = pinned.spanId;
  }
  for (const entity of DEMO_ENTITIES) {
    await call('POST', '/v1/entities', { entityId: entity.entityId, kind: entity.kind, label: entity.label });
    for (const key of entity.mentions) {
      await call('POST', `/v1/entities/${entity.entityId}/mentions`, {
        mentionId: `mention-${entity.entityId}-${entity.mentions.indexOf(key)}`,
        spanId: spans[key],
      });
    }
  }
  for (const claim of DEMO_CLAIMS) {
    await call('POST', '/v1/claims', {
      claimId: claim.claimId,
      subjectEntityId: claim.subjectEntityId,
      predicate: claim.predicate,
      object: claim.object,
      spanIds: claim.spans.map((key) => spans[key]),
    });
  }
  return { documents, spans };
}
