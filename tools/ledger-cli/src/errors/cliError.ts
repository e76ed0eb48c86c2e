export type CliErrorCode =
  | 'LEDGER_CLI.NO_DATABASE'
  | 'LEDGER_CLI.SEVERAL_STACKS'
  | 'LEDGER_CLI.UNKNOWN_ORG'
  | 'LEDGER_CLI.NO_SUCH_FILE'
  | 'LEDGER_CLI.BAD_ARGUMENT'
  | 'PROJECTIONS.UNKNOWN_PROJECTION';

/**
 * The operator named something that is not there or gave an unusable argument. Exit code 2
 * keeps these apart from 1, which says a command ran and found a problem (a failed
 * verification above all), so a script never reads a typo as tampering.
 */
export class CliError extends Error {
  readonly exitCode = 2;

  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
