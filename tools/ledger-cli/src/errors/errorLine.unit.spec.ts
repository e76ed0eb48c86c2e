import { CliError } from './cliError';
import { errorLine, exitCodeOf } from './errorLine';

class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

describe('the error line', () => {
  it('prints the code once, also when a library put it in front of its message', () => {
    expect(errorLine(new CodedError('MERKLE.MISSING_HASH', 'MERKLE.MISSING_HASH: no hash at 3'), false)).toBe(
      'ledger: MERKLE.MISSING_HASH: no hash at 3',
    );
    expect(errorLine(new CodedError('LEDGER.VERSION_CONFLICT', 'stream s at 2, expected 1'), false)).toBe(
      'ledger: LEDGER.VERSION_CONFLICT: stream s at 2, expected 1',
    );
    expect(errorLine(new Error('plain'), false)).toBe('ledger: plain');
  });

  it('keeps to one line, or one JSON object for scripts', () => {
    expect(errorLine(new Error('first\n  second'), false)).toBe('ledger: first second');
    expect(JSON.parse(errorLine(new CliError('LEDGER_CLI.UNKNOWN_ORG', 'org x has no events'), true))).toEqual({
      type: 'error',
      code: 'LEDGER_CLI.UNKNOWN_ORG',
      message: 'org x has no events',
    });
  });

  it('exits 2 for what the operator named, 1 otherwise', () => {
    expect(exitCodeOf(new CliError('LEDGER_CLI.NO_SUCH_FILE', 'f'))).toBe(2);
    expect(exitCodeOf(new CodedError('LEDGER.VERIFICATION_FAILED', 'org x failed verification'))).toBe(1);
  });
});
