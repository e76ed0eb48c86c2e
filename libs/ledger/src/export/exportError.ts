export type ExportErrorCode =
  'LEDGER_EXPORT.NO_TREE_HEAD' | 'LEDGER_EXPORT.BAD_RANGE' | 'LEDGER_EXPORT.DAMAGED' | 'LEDGER_EXPORT.BAD_EXTRA_FILE';

export class ExportError extends Error {
  override readonly name = 'ExportError';

  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
