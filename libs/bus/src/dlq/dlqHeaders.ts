import type { IHeaders } from 'kafkajs';
import { DEAD_LETTER_ERROR_CODES, DEAD_LETTER_HEADERS } from '@ledger/contracts';

/** Why a message was dead-lettered; stable values for alerts and for operators deciding on a replay. */
export type DlqErrorCode = (typeof DEAD_LETTER_ERROR_CODES)[number];

// The header names are the published contract's (contracts/events.md).
export const DLQ_HEADER = DEAD_LETTER_HEADERS;

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
