export type ExportErrorCode =
  'LEDGER_EXPORT.NO_TREE_HEAD' | 'LEDGER_EXPORT.BAD_RANGE' | 'LEDGER_EXPORT.DAMAGED' | 'LEDGER_EXPORT.BAD_EXTRA_FILE';

/** `code` is its own field; the message does not repeat it, so `CODE: message` reads once. */
export class ExportError extends Error {
  override readonly name = 'ExportError';

  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
  }
}
