/** What the command concludes; only `fail` says anything about tampering. */
export type Verdict =
  'pass' | 'fail' | 'no-such-file' | 'not-a-bundle' | 'not-a-certificate' | 'not-a-key-file' | 'cannot-read' | 'usage';

/** 0 verified, 1 verification failed (the bundle was changed or is not the ledger's), 2 nothing was verified. */
export function exitCodeOf(verdict: Verdict): number {
  if (verdict === 'pass') return 0;
  if (verdict === 'fail') return 1;
  return 2;
}

/** Which argument a path came from, so that a message names the one to fix. */
export type Argument = 'BUNDLE' | 'CERTIFICATE' | '--previous' | '--keys' | '--bundle';

const LABELS = {
  'no-such-file': 'NO SUCH FILE',
  'not-a-bundle': 'NOT A BUNDLE',
  'not-a-certificate': 'NOT A CERTIFICATE',
  'not-a-key-file': 'NOT A KEY FILE',
  'cannot-read': 'CANNOT READ',
} as const;

/**
 * A path that could not be verified at all: missing, unreadable, or not a bundle or key file.
 * Kept apart from a verification failure so that nobody reads it as evidence of tampering.
 * `detail` continues the sentence after the path (" is …" or ": …").
 */
export class Unverifiable extends Error {
  constructor(
    readonly verdict: keyof typeof LABELS,
    readonly path: string,
    readonly argument: Argument,
    detail = '',
  ) {
    super(
      `${LABELS[verdict]}: ${path}${argument === 'BUNDLE' || argument === 'CERTIFICATE' ? '' : ` (${argument})`}${detail}`,
    );
  }
}

/** Maps a failed stat, open or read of a user-given path to what the user should be told. */
export function unreadable(error: unknown, path: string, argument: Argument): Unverifiable {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new Unverifiable('no-such-file', path, argument);
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
  return new Unverifiable('cannot-read', path, argument, ` (${why})`);
}
