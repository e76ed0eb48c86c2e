import { join } from 'node:path';

/** The deployment's login script, a generated file kept in the repository for operators. */
export const SERVICE_LOGINS_PATH = join(__dirname, '..', '..', '..', 'deploy', 'postgres', 'service-logins.sql');
