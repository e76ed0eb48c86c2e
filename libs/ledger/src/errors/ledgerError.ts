/**
 * Every ledger error carries a stable string `code`; callers in other processes compare codes,
 * never classes. Validation errors also name the offending field and the rule it broke.
 */
export type LedgerErrorCode =
  | 'LEDGER.INVALID_INPUT'
  | 'LEDGER.EVENT_TOO_LARGE'
  | 'LEDGER.VERSION_CONFLICT'
  | 'LEDGER.EVENT_ID_CONFLICT'
  | 'LEDGER.STREAM_ERASED'
  | 'LEDGER.TREE_HEAD_REFUSED';

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** Bad input: nothing was written. `field` is a path such as `events[2].data.amount`. */
export class LedgerValidationError extends LedgerError {
  constructor(
    readonly field: string,
    readonly rule: string,
    code: 'LEDGER.INVALID_INPUT' | 'LEDGER.EVENT_TOO_LARGE' = 'LEDGER.INVALID_INPUT',
  ) {
    super(code, `${field}: ${rule}`, { field, rule });
    this.name = 'LedgerValidationError';
  }
}

export type ExpectedRevisionDescription = 'any' | 'no_stream' | 'stream_exists' | number;

/** The stream was not at the expected revision; `actual` is -1 when the stream has no events. */
export class VersionConflictError extends LedgerError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevisionDescription,
    readonly actual: number,
  ) {
    super(
      'LEDGER.VERSION_CONFLICT',
      `stream ${streamId}: expected revision ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`,
      { streamId, expected, actual },
    );
    this.name = 'VersionConflictError';
  }
}

/** An event id already stored with other content; ids only, never the content itself. */
export class EventIdConflictError extends LedgerError {
  constructor(readonly eventIds: readonly string[]) {
    super('LEDGER.EVENT_ID_CONFLICT', `event id already stored with other content: ${eventIds.join(', ')}`, {
      eventIds,
    });
    this.name = 'EventIdConflictError';
  }
}

/** Personal data cannot be added to a stream whose data key was destroyed. */
export class StreamErasedError extends LedgerError {
  constructor(readonly streamId: string) {
    super('LEDGER.STREAM_ERASED', `stream ${streamId} was erased: it accepts no more personal data`, { streamId });
    this.name = 'StreamErasedError';
  }
}
