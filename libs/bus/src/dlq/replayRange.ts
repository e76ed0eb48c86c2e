import type { Kafka } from 'kafkajs';

/**
 * For each DLQ partition with work left, the offset to stop before: the end of the partition
 * when the replay starts. Messages dead-lettered during the replay (a replayed message failing
 * again) lie beyond it, so a replay always ends and never loops on its own output.
 * Partitions whose group offset has already reached the end are left out.
 */
export async function pendingReplayRanges(
  kafka: Kafka,
  dlqTopic: string,
  groupId: string,
): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(dlqTopic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [dlqTopic] });
    const committedBy = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    const pending = new Map<number, bigint>();
    for (const { partition, low, high } of ends) {
      const done = committedBy.get(partition) ?? -1n;
      // No committed offset (-1), or one below what retention kept: the group starts at the earliest message.
      const start = done < BigInt(low) ? BigInt(low) : done;
      if (start < BigInt(high)) pending.set(partition, BigInt(high));
    }
    return pending;
  } finally {
    await admin.disconnect();
  }
}
