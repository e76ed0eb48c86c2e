import { Client } from 'pg';
import { loadBusMigrations } from '@ledger/bus';
import { migrate } from '@ledger/ledger';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { loadProjectionMigrations, ProjectionRegistry } from '@ledger/projections';
import { SERVICES } from '@ledger/registry';
import { serviceRole } from '@ledger/host';

describe('the relay checkpoint grant, whichever was migrated first', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('relaygrants');
  });
  afterAll(() => database?.drop());

  it('reaches every service role when the bus is migrated after the services (a single-node database going multi-node)', async () => {
    await migrate(database.url);
    const registry = new ProjectionRegistry(SERVICES.flatMap((service) => [...service.projections]));
    await migrate(database.url, await loadProjectionMigrations(registry));
    await migrate(database.url, await loadBusMigrations());

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      for (const service of SERVICES) {
        const { rows } = await client.query<{ granted: boolean }>(
          `SELECT has_table_privilege($1, 'bus_relay_checkpoints', 'SELECT, INSERT, UPDATE') AS granted`,
          [serviceRole(service)],
        );
        expect([service.name, rows[0].granted]).toEqual([service.name, true]);
      }
    } finally {
      await client.end();
    }
  });
});
