import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inboxTableSql } from '@ledger/bus';
import { SERVICES } from '@ledger/registry';

const SERVICES_DIR = join(__dirname, '..', '..', '..', '..', 'services');

describe("each service's inbox migration", () => {
  it.each(SERVICES.map((service) => [service.name, service.prefix] as const))(
    '%s creates the table its consumer writes (%sinbox) exactly as the bus defines it, granted to its role',
    (name, prefix) => {
      const sql = readFileSync(join(SERVICES_DIR, name, 'migrations', '003_inbox.sql'), 'utf8');
      expect(sql).toContain(inboxTableSql(`${prefix}inbox`));
      expect(sql).toContain(`ON ${prefix}inbox TO svc_${prefix.replace(/_$/, '')};`);
    },
  );
});
