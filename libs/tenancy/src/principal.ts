export const ROLES = ['advisor', 'compliance', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: one org, one role, one actor id. Never a name or an address. */
export interface Principal {
  orgId: string;
  role: Role;
  actor: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
