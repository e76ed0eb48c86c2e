/**
 * Authentication and authorisation failures. `code` is stable across processes; `status` is
 * the HTTP status a service maps it to. Messages name the rule, never the token's content.
 */
export type TenancyErrorCode = 'TENANCY.UNAUTHENTICATED' | 'TENANCY.FORBIDDEN';

export class TenancyError extends Error {
  readonly status: 401 | 403;

  constructor(
    readonly code: TenancyErrorCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'TenancyError';
    this.status = code === 'TENANCY.UNAUTHENTICATED' ? 401 : 403;
  }
}
