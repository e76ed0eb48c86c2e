import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import pino from 'pino';
import { createPool, LEDGER_WRITER_ROLE, LocalKeyProvider, migrate } from '@ledger/ledger';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { ensureRuntimeLogin } from '../config/runtimeLogin';
import { startCore } from '../core/startCore';
import { PROJECTOR_ROLE, REQUEST_ROLE } from '../migrations/runtimeRolesMigration';
import { refuseRowSecurityBypass } from './rowSecurityGate';

describe('the start-up gate against superusers and BYPASSRLS roles', () => {
  let database: TestDatabase;
  let runtimeUrl: string;
  const bypassLogin = `bypass_${randomBytes(4).toString('hex')}`;
  const pools: Pool[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('rls_gate');
    await migrate(database.url);
    runtimeUrl = await ensureRuntimeLogin(database.url);
    const owner = new Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`CREATE ROLE ${bypassLogin} LOGIN NOSUPERUSER BYPASSRLS PASSWORD 'bypass'`);
    await owner.query(`GRANT ${REQUEST_ROLE} TO ${bypassLogin}`);
    await owner.end();
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    const owner = new Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`DROP OWNED BY ${bypassLogin}`);
    await owner.query(`DROP ROLE ${bypassLogin}`);
    await owner.end();
    await database.drop();
  });

  function pool(url: string, role?: string): Pool {
    const created = createPool({ connectionString: url, max: 1, role });
    pools.push(created);
    return created;
  }

  function withLogin(url: string, user: string, password: string): string {
    const parsed = new URL(url);
    parsed.username = user;
    parsed.password = password;
    return parsed.toString();
  }

  it.each([LEDGER_WRITER_ROLE, PROJECTOR_ROLE, REQUEST_ROLE])('lets the run-time login serve as %s', async (role) => {
    await expect(refuseRowSecurityBypass(pool(runtimeUrl, role))).resolves.toBeUndefined();
  });

  it('refuses a superuser login, also when its connections take a plain role', async () => {
    for (const role of [undefined, REQUEST_ROLE]) {
      await expect(refuseRowSecurityBypass(pool(database.url, role))).rejects.toMatchObject({
        code: 'TOPOLOGY_BYPASSES_ROW_SECURITY',
        message: expect.stringMatching(
          /^topology: database login \w+.* is a superuser.*: a running process must log in as a NOSUPERUSER NOBYPASSRLS role/,
        ),
      });
    }
  });

  it('refuses a login with BYPASSRLS', async () => {
    const url = withLogin(database.url, bypassLogin, 'bypass');
    await expect(refuseRowSecurityBypass(pool(url, REQUEST_ROLE))).rejects.toMatchObject({
      code: 'TOPOLOGY_BYPASSES_ROW_SECURITY',
      message: expect.stringContaining(`login ${bypassLogin} (role ${REQUEST_ROLE}) has BYPASSRLS`),
    });
  });

  it('makes startCore refuse to serve as a superuser, before anything runs', async () => {
    await expect(
      startCore({
        databaseUrl: database.url,
        migrate: false,
        keyProvider: new LocalKeyProvider({ test: randomBytes(32) }),
        auth: { issuer: 'i', audience: 'a', key: randomBytes(32), algorithms: ['HS256'] },
        projections: [],
        logger: pino({ enabled: false }),
      }),
    ).rejects.toMatchObject({ code: 'TOPOLOGY_BYPASSES_ROW_SECURITY' });
  });

  it('creates the run-time login without superuser, BYPASSRLS or inherited privileges', async () => {
    const owner = pool(database.url);
    const { rows } = await owner.query(
      `SELECT rolcanlogin, rolsuper, rolbypassrls, rolinherit, rolcreaterole, rolcreatedb
         FROM pg_roles WHERE rolname = 'ledger_app'`,
    );
    expect(rows).toEqual([
      {
        rolcanlogin: true,
        rolsuper: false,
        rolbypassrls: false,
        rolinherit: false,
        rolcreaterole: false,
        rolcreatedb: false,
      },
    ]);
  });
});
