import type { Kafka } from 'kafkajs';

/**
 * Of `topics`, those the cluster does not have. Asked before a replay so that a mistyped topic
 * is named at once instead of surfacing as a metadata retry loop or an empty replay.
 */
export async function missingTopics(kafka: Kafka, topics: readonly string[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    return topics.filter((topic) => !existing.has(topic));
  } finally {
    await admin.disconnect();
  }
}
