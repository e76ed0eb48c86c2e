import type { ReceivedMessage } from './topicCollector';

/**
 * Each org's per-org sequence numbers in the order its messages were produced, counting only
 * the first copy of each event (later copies are re-publications), plus the partitions used.
 */
export function firstOccurrences(
  messages: readonly ReceivedMessage[],
): Map<string, { seqs: number[]; partitions: Set<number> }> {
  const seen = new Set<string>();
  const orgs = new Map<string, { seqs: number[]; partitions: Set<number> }>();
  for (const message of messages) {
    const { orgId, orgSeq, eventId } = message.envelope;
    const org = orgs.get(orgId) ?? { seqs: [], partitions: new Set<number>() };
    orgs.set(orgId, org);
    org.partitions.add(message.partition);
    if (seen.has(eventId)) continue;
    seen.add(eventId);
    org.seqs.push(orgSeq);
  }
  return orgs;
}

/** True when each org's first occurrences are in per-org sequence order, all in one partition. */
export function inPerOrgOrder(messages: readonly ReceivedMessage[]): boolean {
  for (const { seqs, partitions } of firstOccurrences(messages).values()) {
    if (partitions.size !== 1) return false;
    if (seqs.some((seq, i) => i > 0 && seq <= seqs[i - 1])) return false;
  }
  return true;
}

/** How many times each event id was received. */
export function copiesOf(messages: readonly ReceivedMessage[]): Map<string, number> {
  const copies = new Map<string, number>();
  for (const message of messages) copies.set(message.envelope.eventId, (copies.get(message.envelope.eventId) ?? 0) + 1);
  return copies;
}
