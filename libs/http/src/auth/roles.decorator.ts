import { SetMetadata } from '@nestjs/common';
import type { Role } from '@ledger/tenancy';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';

/** The roles a route admits. A route that declares none admits nobody (unless it is public). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no token: health and documentation only. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
