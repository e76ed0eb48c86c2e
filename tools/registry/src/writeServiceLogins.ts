/** Writes deploy/postgres/service-logins.sql from the service registry (`npm run deploy:service-logins`). */
import { writeFileSync } from 'node:fs';
import { SERVICE_LOGINS_PATH } from './serviceLoginsPath';
import { serviceLoginsSql } from './serviceLogins';
import { SERVICES } from './services';

writeFileSync(SERVICE_LOGINS_PATH, serviceLoginsSql(SERVICES));
process.stdout.write(`wrote ${SERVICE_LOGINS_PATH}\n`);
