import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519KeyRing, exportSeed } from '@ledger/ledger';
import { checkProduction, productionRefusals, ProductionRefused } from './productionGate';

let dir: string;
let env: NodeJS.ProcessEnv;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

function signingKeysText(keyId: string, notBefore = new Date(0)): string {
  const entry = Ed25519KeyRing.generate(keyId, notBefore);
  return JSON.stringify([
    { keyId, d: exportSeed(entry.privateKey), notBefore: notBefore.toISOString(), notAfter: null },
  ]);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'production-gate-'));
  env = {
    LEDGER_ENV: 'production',
    LEDGER_AUTH_JWKS_URL: 'https://idp.example.test/.well-known/jwks.json',
    LEDGER_AUTH_ISSUER: 'https://idp.example.test/',
    LEDGER_AUTH_AUDIENCE: 'ledger-api',
    DATABASE_URL: 'postgres://audit_app@db.example.test:5432/ledger',
    DATABASE_PASSWORD_FILE: file('db-password', 'secret-password\n'),
    LEDGER_MASTER_KEYS_FILE: file('master-keys', `m-1:${randomBytes(32).toString('base64')}\n`),
    LEDGER_SIGNING_KEYS_FILE: file('signing-keys.json', signingKeysText('s-1')),
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the production gate', () => {
  it('accepts a complete production configuration, and checks nothing outside production', () => {
    expect(productionRefusals(env, { signingKeys: true })).toEqual([]);
    expect(() => checkProduction(env, { signingKeys: true })).not.toThrow();
    expect(productionRefusals({}, { signingKeys: true })).toEqual([]);
  });

  it.each<[string, (env: NodeJS.ProcessEnv) => void, string]>([
    [
      'the development token issuer',
      (e) => delete e.LEDGER_AUTH_JWKS_URL,
      'LEDGER_ENV=production refuses the development token issuer: set LEDGER_AUTH_JWKS_URL, LEDGER_AUTH_ISSUER and LEDGER_AUTH_AUDIENCE',
    ],
    [
      'a development token secret',
      (e) => (e.LEDGER_DEV_TOKEN_SECRET_FILE = '/run/secrets/dev'),
      'LEDGER_ENV=production refuses LEDGER_DEV_TOKEN_SECRET: tokens come from the identity provider',
    ],
    [
      'the embedded server',
      (e) => delete e.DATABASE_URL,
      'LEDGER_ENV=production refuses the embedded PostgreSQL server: set DATABASE_URL (without a password)',
    ],
    [
      'a password inside DATABASE_URL',
      (e) => (e.DATABASE_URL = 'postgres://audit_app:pw@db.example.test/ledger'),
      'LEDGER_ENV=production refuses a password in DATABASE_URL: mount it as a file and set DATABASE_PASSWORD_FILE',
    ],
    [
      'PGPASSWORD in the environment',
      (e) => (e.PGPASSWORD = 'pw'),
      'LEDGER_ENV=production refuses PGPASSWORD in the environment: set DATABASE_PASSWORD_FILE',
    ],
    [
      'a missing database password file',
      (e) => delete e.DATABASE_PASSWORD_FILE,
      "LEDGER_ENV=production needs DATABASE_PASSWORD_FILE: the password of DATABASE_URL's user",
    ],
    [
      'an unreadable database password file',
      (e) => (e.DATABASE_PASSWORD_FILE = join(dir, 'absent')),
      'DATABASE_PASSWORD_FILE=<dir>/absent cannot be read (ENOENT)',
    ],
    [
      'master keys in the environment',
      (e) => (e.LEDGER_MASTER_KEYS = `m-1:${randomBytes(32).toString('base64')}`),
      'LEDGER_ENV=production refuses LEDGER_MASTER_KEYS in the environment: mount it as a file and set LEDGER_MASTER_KEYS_FILE',
    ],
    [
      'missing master keys (never generated)',
      (e) => delete e.LEDGER_MASTER_KEYS_FILE,
      'LEDGER_ENV=production needs LEDGER_MASTER_KEYS_FILE: the master keys wrapping stream keys are never generated in production',
    ],
    [
      'a master key of the wrong size',
      (e) => (e.LEDGER_MASTER_KEYS_FILE = file('short', 'm-1:c2hvcnQ=')),
      `LEDGER_MASTER_KEYS_FILE=<dir>/short does not hold valid keys: master key m-1 must be 32 bytes`,
    ],
    [
      'signing keys in the environment',
      (e) => (e.LEDGER_SIGNING_KEYS = signingKeysText('s-2')),
      'LEDGER_ENV=production refuses LEDGER_SIGNING_KEYS in the environment: mount it as a file and set LEDGER_SIGNING_KEYS_FILE',
    ],
    [
      'missing signing keys (never generated)',
      (e) => delete e.LEDGER_SIGNING_KEYS_FILE,
      'LEDGER_ENV=production needs LEDGER_SIGNING_KEYS_FILE: the signing keys of tree heads and exports are never generated in production',
    ],
    [
      'an empty signing keys file',
      (e) => (e.LEDGER_SIGNING_KEYS_FILE = file('empty', '\n')),
      'LEDGER_SIGNING_KEYS_FILE=<dir>/empty is empty',
    ],
    [
      'the test broker settings',
      (e) => (e.KAFKA_TEST_BROKER = 'true'),
      'LEDGER_ENV=production refuses KAFKA_TEST_BROKER=true: its timeouts are for the test broker only',
    ],
    [
      'non-idempotent producers',
      (e) => (e.KAFKA_IDEMPOTENT = 'false'),
      'LEDGER_ENV=production refuses KAFKA_IDEMPOTENT=false: a retried produce could publish an event twice',
    ],
    [
      'a bad reload interval',
      (e) => (e.LEDGER_SECRETS_RELOAD_SECONDS = '0'),
      'LEDGER_SECRETS_RELOAD_SECONDS=0 must be an integer from 1 to 3600',
    ],
  ])('refuses %s in one line', (_name, change, line) => {
    change(env);
    const refusals = productionRefusals(env, { signingKeys: true }).map((text) => text.replaceAll(dir, '<dir>'));
    expect(refusals).toEqual([line]);
  });

  it('lists every refusal at once, one line each, and needs signing keys only where something signs', () => {
    const bare = { LEDGER_ENV: 'production' };
    expect(productionRefusals(bare, { signingKeys: false })).toHaveLength(3);
    expect(productionRefusals(bare, { signingKeys: true })).toHaveLength(4);
    let thrown: unknown;
    try {
      checkProduction(bare, { signingKeys: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProductionRefused);
    const { lines } = thrown as ProductionRefused;
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(lines[0]).toMatch(/development token issuer/);
    expect(lines.slice(1)).toEqual([
      'LEDGER_ENV=production refuses the embedded PostgreSQL server: set DATABASE_URL (without a password)',
      'LEDGER_ENV=production needs LEDGER_MASTER_KEYS_FILE: the master keys wrapping stream keys are never generated in production',
      'LEDGER_ENV=production needs LEDGER_SIGNING_KEYS_FILE: the signing keys of tree heads and exports are never generated in production',
    ]);
  });
});
