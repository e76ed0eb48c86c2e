/** A Gmail message as ingest receives it. `subject` becomes the title, `body` the content. */
export interface GmailMessage {
  providerAccountId: string;
  messageId: string;
  threadId: string;
  /** Milliseconds since the epoch, as Gmail's internalDate. */
  internalDate: number;
  historyId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** Plain-text body. */
  body: string;
  labels?: string[];
}
