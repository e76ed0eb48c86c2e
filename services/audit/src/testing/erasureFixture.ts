import type { Ledger, NewEvent } from '@ledger/ledger';

/** The personal values the fixture seals, to search for after an erasure. */
export const CLIENT_SECRETS = ['Alice Example', 'alice@example.test', 'Alice holds 40% equities', 'Brief for Alice'];

const actor = { actor: 'adv-1' };
const e = (type: string, data: NewEvent['data'], personal?: NewEvent['personal']): NewEvent =>
  personal ? { type, data, personal, metadata: actor } : { type, data, metadata: actor };

/**
 * A client `e1` as the services record one, in the contract's event shapes: the entity, a
 * mention in document d1 (with a pinned span), a claim citing document d2, a brief citing
 * document d3; and another client `e2` with its own document d9, which erasure must not touch.
 */
export async function seedClient(ledger: Ledger, orgId: string): Promise<void> {
  const span = (documentId: string) => ({
    spanId: `s-${documentId}`,
    documentId,
    documentVersionId: `${documentId}:v1`,
  });
  const append = (streamId: string, events: NewEvent[]) =>
    ledger.append({ orgId, streamId, expectedRevision: 'any', events });
  for (const documentId of ['d1', 'd2', 'd3', 'd9']) {
    await append(`evidence-${documentId}`, [
      e(
        'DocumentIngested',
        { documentId, documentVersionId: `${documentId}:v1` },
        { from: 'alice@example.test', body: `mail ${documentId}` },
      ),
      e('SpanPinned', { ...span(documentId) }, { text: `Alice holds 40% equities (${documentId})` }),
    ]);
  }
  await append('entity-e1', [
    e('EntityCreated', { entityId: 'e1', kind: 'Person' }, { label: 'Alice Example' }),
    e('MentionAdded', { entityId: 'e1', mentionId: 'm1', span: span('d1') }),
  ]);
  await append('entity-e2', [e('EntityCreated', { entityId: 'e2', kind: 'Person' }, { label: 'Bob Other' })]);
  await append('claim-c1', [
    e(
      'ClaimAsserted',
      { claimId: 'c1', subjectEntityId: 'e1', predicate: 'holds', citations: [span('d2')] },
      { literal: 'Alice holds 40% equities' },
    ),
  ]);
  await append('claim-c2', [
    e(
      'ClaimAsserted',
      { claimId: 'c2', subjectEntityId: 'e2', predicate: 'holds', citations: [span('d9')] },
      { literal: 'Bob' },
    ),
  ]);
  await append('brief-b1', [
    e(
      'BriefComposed',
      {
        briefId: 'b1',
        subject: { entityId: 'e1' },
        sources: { documentVersions: [{ documentId: 'd3', documentVersionId: 'd3:v1' }] },
      },
      { title: 'Brief for Alice' },
    ),
  ]);
}
