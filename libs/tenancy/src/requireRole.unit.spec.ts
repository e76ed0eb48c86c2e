import { requireRole } from './requireRole';

describe('requireRole', () => {
  const advisor = { orgId: 'org-1', role: 'advisor' as const, actor: 'u1' };

  it('lets an allowed role through and refuses others with 403 naming the allowed roles', () => {
    expect(() => requireRole(advisor, ['advisor', 'compliance'])).not.toThrow();
    expect(() => requireRole(advisor, ['compliance', 'operator'])).toThrow(
      expect.objectContaining({
        code: 'TENANCY.FORBIDDEN',
        status: 403,
        message: 'role advisor may not do this; allowed: compliance, operator',
      }),
    );
  });
});
