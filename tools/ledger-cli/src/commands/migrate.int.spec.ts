import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations } from '@ledger/ledger';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { buildProgram } from '../program';

async function run(...args: string[]): Promise<string> {
  let printed = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  try {
    await buildProgram().parseAsync(['node', 'ledger', ...args]);
  } finally {
    spy.mockRestore();
  }
  return printed;
}

describe('ledger migrate', () => {
  let database: TestDatabase;
  const previousUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    database = await createTestDatabase('cli_migrate');
  });
  afterAll(async () => {
    process.env.DATABASE_URL = previousUrl;
    await database.drop();
  });

  it('applies every migration, then reports them all as already applied', async () => {
    process.env.DATABASE_URL = database.url;
    const ledgerVersions = (await loadMigrations()).map((m) => m.version);
    const first = JSON.parse(await run('migrate', '--json')) as { applied: string[]; alreadyApplied: string[] };
    expect(first.alreadyApplied).toEqual([]);
    expect(first.applied).toEqual(expect.arrayContaining(ledgerVersions));
    expect(await run('migrate')).toBe(`applied: none; already applied: ${first.applied.length}\n`);
  });

  it('refuses to run without DATABASE_URL when no local stack is running', async () => {
    delete process.env.DATABASE_URL;
    const empty = await mkdtemp(join(tmpdir(), 'ledger-no-stack-'));
    process.env.LEDGER_DATA_DIR = empty;
    try {
      await expect(run('migrate')).rejects.toMatchObject({
        code: 'LEDGER_CLI.NO_DATABASE',
        message: expect.stringMatching(/^DATABASE_URL is not set and no running local stack was found/),
      });
    } finally {
      delete process.env.LEDGER_DATA_DIR;
      await rm(empty, { recursive: true, force: true });
    }
  });
});
