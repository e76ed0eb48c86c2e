import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519KeyRing, exportSeed } from '@ledger/ledger';
import { FileMasterKeys, FileSigningKeys, watchDatabasePassword } from './rotatingKeys';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rotating-keys-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function signingKeysText(...keys: { keyId: string; notBefore: Date }[]): string {
  return JSON.stringify(
    keys.map(({ keyId, notBefore }) => ({
      keyId,
      d: exportSeed(Ed25519KeyRing.generate(keyId).privateKey),
      notBefore: notBefore.toISOString(),
      notAfter: null,
    })),
  );
}

/**
 * Writes a secret volume the way the kubelet does: each version in its own folder, the file
 * reached through a `..data` link that is swapped atomically.
 */
function mountVersion(name: string, text: string, version: number): string {
  const folder = join(dir, `..v${version}`);
  mkdirSync(folder);
  writeFileSync(join(folder, name), text);
  symlinkSync(folder, join(dir, '..data_tmp'));
  renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
  const path = join(dir, name);
  if (version === 1) symlinkSync(join('..data', name), path);
  return path;
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((r) => setTimeout(r, 10));
}

const epoch = new Date(0);
const now = () => new Date();

describe('secrets mounted as files', () => {
  it('signs with a rotated signing key once the file changes, on the timer, without a restart', async () => {
    const path = mountVersion('signing-keys.json', signingKeysText({ keyId: 's-1', notBefore: epoch }), 1);
    const errors: Error[] = [];
    const keys = new FileSigningKeys(path, 20, (error) => errors.push(error));
    try {
      expect(keys.signingKey(now()).keyId).toBe('s-1');
      const later = new Date(Date.now() - 1000);
      mountVersion(
        'signing-keys.json',
        signingKeysText({ keyId: 's-1', notBefore: epoch }, { keyId: 's-2', notBefore: later }),
        2,
      );
      await until(() => keys.signingKey(now()).keyId === 's-2');
      expect(keys.signingKey(now()).keyId).toBe('s-2');
      expect(keys.publicKeys().map((key) => key.keyId)).toEqual(['s-1', 's-2']);
      expect(errors).toEqual([]);
    } finally {
      keys.watch.stop();
    }
  });

  it('keeps the keys in force when a rotated file is not valid, and names the file only', () => {
    const path = mountVersion('signing-keys.json', signingKeysText({ keyId: 's-1', notBefore: epoch }), 1);
    const errors: Error[] = [];
    const keys = new FileSigningKeys(path, 60_000, (error) => errors.push(error));
    try {
      mountVersion('signing-keys.json', '[{"keyId":"s-2","d":"not-a-key"', 2);
      keys.watch.reload();
      expect(keys.signingKey(now()).keyId).toBe('s-1');
      expect(errors.map((error) => error.message)).toEqual([
        `LEDGER_SIGNING_KEYS_FILE=${path} holds no usable secret; the previous one stays in force`,
      ]);
    } finally {
      keys.watch.stop();
    }
  });

  it('wraps with a rotated master key and still unwraps what the previous one wrapped', async () => {
    const old = `m-1:${randomBytes(32).toString('base64')}`;
    const path = mountVersion('master-keys', old, 1);
    const keys = new FileMasterKeys(path, 60_000, (error) => {
      throw error;
    });
    try {
      const dataKey = randomBytes(32);
      const before = await keys.wrap(dataKey);
      expect(before.keyId).toBe('m-1');
      mountVersion('master-keys', `m-2:${randomBytes(32).toString('base64')},${old}`, 2);
      keys.watch.reload();
      expect(keys.activeKeyId).toBe('m-2');
      expect((await keys.wrap(dataKey)).keyId).toBe('m-2');
      expect(await keys.unwrap(before.keyId, before.wrapped)).toEqual(dataKey);
    } finally {
      keys.watch.stop();
    }
  });

  it('hands a rotated database password to new connections through PGPASSWORD', () => {
    const path = mountVersion('db-password', 'first\n', 1);
    const env: NodeJS.ProcessEnv = {};
    const watch = watchDatabasePassword(env, path, 60_000, (error) => {
      throw error;
    });
    try {
      expect(env.PGPASSWORD).toBe('first');
      mountVersion('db-password', 'second\n', 2);
      watch.reload();
      expect(env.PGPASSWORD).toBe('second');
    } finally {
      watch.stop();
    }
  });
});
