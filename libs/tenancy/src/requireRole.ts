import type { Principal, Role } from './principal';
import { TenancyError } from './tenancyError';

/** A route declares the roles it allows; anyone else gets 403, naming the roles allowed. */
export function requireRole(principal: Principal, allowed: readonly Role[]): void {
  if (!allowed.includes(principal.role)) {
    throw new TenancyError(
      'TENANCY.FORBIDDEN',
      `role ${principal.role} may not do this; allowed: ${allowed.join(', ')}`,
    );
  }
}
