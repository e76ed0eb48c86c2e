import type { Ledger } from '@ledger/ledger';

/** What the ledger holds of documents: each version's exact content and each pinned span's text. */
export interface StoredEvidence {
  contents: Map<string, string>;
  spanTexts: Map<string, string>;
}

/** Reads the document streams back from the ledger (decrypted), independently of the service. */
export async function storedEvidence(
  ledger: Ledger,
  orgId: string,
  documentIds: Iterable<string>,
): Promise<StoredEvidence> {
  const contents = new Map<string, string>();
  const spanTexts = new Map<string, string>();
  for (const documentId of new Set(documentIds)) {
    for await (const event of ledger.readStream(orgId, `evidence-${documentId}`, { personal: 'decrypt' })) {
      const { data, personal } = event;
      if (event.type === 'SpanPinned' && typeof personal?.text === 'string') {
        spanTexts.set(String(data.spanId), personal.text);
      } else if (typeof personal?.content === 'string') {
        contents.set(String(data.documentVersionId), personal.content);
      }
    }
  }
  return { contents, spanTexts };
}
