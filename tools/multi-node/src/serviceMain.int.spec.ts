import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { devSecrets } from './launch/devSecrets';
import { runMigrateJob } from './launch/migrateJob';

jest.setTimeout(120_000);

const SERVICE_MAIN = join(__dirname, 'serviceMain.ts');

/** Runs serviceMain to its exit; a refusal must exit 1 having written exactly one line. */
function run(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string[] }> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), SERVICE_MAIN], {
    env: { PATH: process.env.PATH, ...devSecrets(), OTEL_EXPORTER_PROMETHEUS_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve({ code, stderr: stderr.split('\n').filter((line) => line.length > 0) }));
  });
}

describe('a multi-node service process refuses to start, with one line, when', () => {
  let database: TestDatabase;
  const base = () => ({
    TOPOLOGY: 'multi-node',
    SERVICES: 'evidence',
    DATABASE_URL: database.url,
    KAFKA_BROKERS: '127.0.0.1:9',
    PORT: '0',
  });

  beforeAll(async () => {
    database = await createTestDatabase('servicemain');
    await runMigrateJob(database.url);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each([
    [
      'the topology is single-node',
      { TOPOLOGY: 'single-node' },
      'TOPOLOGY=single-node: this command runs one service of multi-node',
    ],
    ['no brokers are given', { KAFKA_BROKERS: '' }, 'multi-node needs KAFKA_BROKERS'],
    ['it would host two services', { SERVICES: 'evidence,claims' }, 'multi-node runs one service per process'],
    ['the service is unknown', { SERVICES: 'billing' }, 'SERVICES names billing, which is not a service'],
    ['no database is given', { DATABASE_URL: '' }, 'multi-node needs DATABASE_URL'],
    ['the token secret is missing', { LEDGER_DEV_TOKEN_SECRET: '' }, 'multi-node needs LEDGER_DEV_TOKEN_SECRET'],
    [
      'the identity provider lacks an audience',
      {
        LEDGER_DEV_TOKEN_SECRET: '',
        LEDGER_AUTH_JWKS_URL: 'https://idp.example.test/jwks',
        LEDGER_AUTH_ISSUER: 'https://idp.example.test/',
      },
      'LEDGER_AUTH_AUDIENCE must be set too',
    ],
  ])('%s', async (_case, overrides, expected) => {
    const { code, stderr } = await run({ ...base(), ...overrides });
    expect(code).toBe(1);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain('refusing to start');
    expect(stderr[0]).toContain(expected);
  });

  it('production is given development settings: each refusal on its own line', async () => {
    const { code, stderr } = await run({
      ...base(),
      SERVICES: 'audit',
      LEDGER_ENV: 'production',
      DATABASE_URL: 'postgres://audit_app:inline@db.example.test/ledger',
    });
    expect(code).toBe(1);
    expect(stderr).toEqual(
      [
        'LEDGER_ENV=production refuses the development token issuer: set LEDGER_AUTH_JWKS_URL, LEDGER_AUTH_ISSUER and LEDGER_AUTH_AUDIENCE',
        'LEDGER_ENV=production refuses LEDGER_DEV_TOKEN_SECRET: tokens come from the identity provider',
        'LEDGER_ENV=production refuses a password in DATABASE_URL: mount it as a file and set DATABASE_PASSWORD_FILE',
        "LEDGER_ENV=production needs DATABASE_PASSWORD_FILE: the password of DATABASE_URL's user",
        'LEDGER_ENV=production refuses LEDGER_MASTER_KEYS in the environment: mount it as a file and set LEDGER_MASTER_KEYS_FILE',
        'LEDGER_ENV=production needs LEDGER_MASTER_KEYS_FILE: the master keys wrapping stream keys are never generated in production',
        'LEDGER_ENV=production refuses LEDGER_SIGNING_KEYS in the environment: mount it as a file and set LEDGER_SIGNING_KEYS_FILE',
        'LEDGER_ENV=production needs LEDGER_SIGNING_KEYS_FILE: the signing keys of tree heads and exports are never generated in production',
      ].map((reason) => `audit: refusing to start: ${reason}`),
    );
  });

  it('production with every secret from mounted files passes the production gate to the database gates', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'secrets-'));
    try {
      const secrets = devSecrets();
      const url = new URL(database.url);
      const mount = (name: string, text: string) => {
        writeFileSync(join(folder, name), text, { mode: 0o600 });
        return join(folder, name);
      };
      const passwordFile = mount('db-password', decodeURIComponent(url.password) || 'unused');
      url.password = '';
      const { code, stderr } = await run({
        ...base(),
        SERVICES: 'audit',
        LEDGER_ENV: 'production',
        DATABASE_URL: url.toString(),
        DATABASE_PASSWORD_FILE: passwordFile,
        LEDGER_MASTER_KEYS: '',
        LEDGER_MASTER_KEYS_FILE: mount('master-keys', secrets.LEDGER_MASTER_KEYS),
        LEDGER_SIGNING_KEYS: '',
        LEDGER_SIGNING_KEYS_FILE: mount('signing-keys.json', secrets.LEDGER_SIGNING_KEYS),
        LEDGER_DEV_TOKEN_SECRET: '',
        LEDGER_AUTH_JWKS_URL: 'https://idp.example.test/jwks',
        LEDGER_AUTH_ISSUER: 'https://idp.example.test/',
        LEDGER_AUTH_AUDIENCE: 'ledger-api',
      });
      expect(code).toBe(1);
      // The owner's login is the next thing refused: everything before it was accepted.
      expect(stderr).toEqual([
        expect.stringMatching(
          /^audit: refusing to start: topology: database login \w+ \(role svc_audit\) is a superuser/,
        ),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('it logs in as a superuser (the owner), whose role could see every org', async () => {
    const { code, stderr } = await run(base());
    expect(code).toBe(1);
    expect(stderr).toEqual([
      expect.stringMatching(
        /refusing to start: topology: database login \w+ \(role svc_evidence\) is a superuser.*NOSUPERUSER NOBYPASSRLS/,
      ),
    ]);
  });

  it('its role can write another service’s tables', async () => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query('GRANT INSERT ON claims_claims TO svc_evidence');
      const { code, stderr } = await run(base());
      expect(code).toBe(1);
      expect(stderr).toEqual([
        expect.stringContaining("role svc_evidence can write another service's tables: claims_claims (INSERT)"),
      ]);
    } finally {
      await admin.query('REVOKE INSERT ON claims_claims FROM svc_evidence');
      await admin.end();
    }
  });
});
