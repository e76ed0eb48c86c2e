export type ProjectionErrorCode =
  | 'PROJECTIONS.UNKNOWN_PROJECTION'
  | 'PROJECTIONS.REBUILD_IN_PROGRESS'
  | 'PROJECTIONS.NOT_FAILED'
  | 'PROJECTIONS.SEQ_MISMATCH'
  | 'PROJECTIONS.REASON_REQUIRED'
  | 'PROJECTIONS.REBUILD_FAILED'
  | 'PROJECTIONS.STOPPED';

/** Errors carry a stable `code`; callers in other processes compare codes, never classes. */
export class ProjectionError extends Error {
  constructor(
    readonly code: ProjectionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionError';
  }
}

/**
 * What may be stored and shown about a handler failure: the error's class and code. Messages
 * are dropped because they can quote payload values, and payloads may be personal.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name} (${String(code)})` : error.name;
  }
  return typeof error;
}
