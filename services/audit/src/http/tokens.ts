/** The audit use cases, as the controllers receive them. */
export const AUDIT_APP = Symbol('AUDIT_APP');
