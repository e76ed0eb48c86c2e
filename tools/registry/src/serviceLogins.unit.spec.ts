import { readFileSync } from 'node:fs';
import { SERVICE_LOGINS_PATH } from './serviceLoginsPath';
import { serviceLoginsSql } from './serviceLogins';
import { SERVICES } from './services';

describe('deploy/postgres/service-logins.sql', () => {
  it('is what the registry generates (after a change to the services: npm run deploy:service-logins)', () => {
    expect(readFileSync(SERVICE_LOGINS_PATH, 'utf8')).toBe(serviceLoginsSql(SERVICES));
  });

  it('gives every registered service a login user granted its role', () => {
    const sql = serviceLoginsSql(SERVICES);
    for (const service of SERVICES) {
      const login = `${service.name.replace(/-/g, '_')}_app`;
      expect(sql).toContain(`('${login}', 'svc_${service.prefix.replace(/_$/, '')}')`);
      expect(sql).toContain(`ALTER ROLE ${login} `);
    }
  });
});
