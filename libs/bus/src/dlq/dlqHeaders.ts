import type { IHeaders } from 'kafkajs';

/** Why a message was dead-lettered; stable values for alerts and for operators deciding on a replay. */
export type DlqErrorCode = 'unparseable' | 'org-mismatch' | 'invalid-envelope' | 'handler-failed';

export const DLQ_HEADER = {
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
} as const;

const DLQ_PREFIX = 'dlq-';

/** Headers are small and land in tooling that may truncate them; the message says what failed, not what was sent. */
const MAX_ERROR_MESSAGE_LENGTH = 500;

export interface DlqFailure {
  code: DlqErrorCode;
  /** What failed, in words that carry no payload content. */
  message: string;
}

export interface DlqOrigin {
  topic: string;
  partition: number;
  offset: string;
}

export function dlqTopicFor(topic: string): string {
  return `${topic}.dlq`;
}

/** The headers without any earlier dead-lettering's: a replayed message that fails again gets fresh ones. */
export function withoutDlqHeaders(headers: IHeaders | undefined): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!name.startsWith(DLQ_PREFIX) && value !== undefined) kept[name] = value;
  }
  return kept;
}

/** The original headers untouched, plus why and from where the message was dead-lettered. */
export function withDlqHeaders(
  headers: IHeaders | undefined,
  failure: DlqFailure,
  origin: DlqOrigin,
  at: Date,
): IHeaders {
  return {
    ...withoutDlqHeaders(headers),
    [DLQ_HEADER.errorCode]: failure.code,
    [DLQ_HEADER.errorMessage]: failure.message.slice(0, MAX_ERROR_MESSAGE_LENGTH),
    [DLQ_HEADER.originalTopic]: origin.topic,
    [DLQ_HEADER.originalPartition]: String(origin.partition),
    [DLQ_HEADER.originalOffset]: origin.offset,
    [DLQ_HEADER.failedAt]: at.toISOString(),
  };
}
