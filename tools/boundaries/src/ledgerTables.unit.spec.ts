import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkLedgerTables, LEDGER_TABLE_ALLOW_LIST, ledgerTableNames, trackedFiles } from './ledgerTables';

const ROOT = join(__dirname, '..', '..', '..');

describe('only libs/ledger names ledger tables', () => {
  let planted: string;
  const files: Record<string, string> = {
    'libs/ledger/migrations/001_events.sql': 'CREATE TABLE ledger_events (position bigint);\n',
    'libs/ledger/src/schema/migrate.ts':
      "const sql = 'CREATE TABLE IF NOT EXISTS ledger_schema_migrations (version text)';\n",
    'libs/ledger/src/read.ts': "export const q = 'SELECT * FROM ledger_events';\n",
    'services/one/src/store.ts': "export const q = 'SELECT count(*) FROM ledger_events';\n",
    'services/one/migrations/002_role.sql': 'GRANT SELECT ON ledger_schema_migrations TO svc_one;\n',
    'services/one/src/named.ts': "export const role = 'ledger_writer'; // a role, not a table\n",
    'services/one/README.md': 'ledger_events, in prose\n',
  };

  beforeAll(async () => {
    planted = await mkdtemp(join(tmpdir(), 'ledger-tables-'));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(dirname(join(planted, file)), { recursive: true });
      await writeFile(join(planted, file), text);
    }
  });
  afterAll(() => rm(planted, { recursive: true, force: true }));

  it('holds for the tracked tree: no file outside libs/ledger and the allow-list names a table, no entry is stale', () => {
    expect(checkLedgerTables(ROOT)).toEqual({ offenders: [], stale: [] });
  });

  it('reads the table names from what libs/ledger creates', () => {
    const names = ledgerTableNames(ROOT, trackedFiles(ROOT));
    expect(names).toEqual(
      expect.arrayContaining(['ledger_events', 'ledger_log', 'ledger_org_heads', 'ledger_schema_migrations']),
    );
    expect(names.every((name) => name.startsWith('ledger_'))).toBe(true);
  });

  it('reports a planted .ts or .sql file outside libs/ledger that names a table, and nothing else', () => {
    const report = checkLedgerTables(planted, Object.keys(files), {});
    expect(report).toEqual({
      offenders: [
        { file: 'services/one/src/store.ts', line: 1, table: 'ledger_events' },
        { file: 'services/one/migrations/002_role.sql', line: 1, table: 'ledger_schema_migrations' },
      ],
      stale: [],
    });
  });

  it('lets an allow-listed file through and reports an entry whose file no longer names a table', () => {
    const report = checkLedgerTables(planted, Object.keys(files), {
      'services/one/src/store.ts': 'planted',
      'services/one/migrations/002_role.sql': 'planted',
      'services/one/src/named.ts': 'names no table',
    });
    expect(report).toEqual({ offenders: [], stale: ['services/one/src/named.ts'] });
  });

  it('lists every allowed file with the reason it may still name a table', () => {
    for (const [file, reason] of Object.entries(LEDGER_TABLE_ALLOW_LIST)) {
      expect(file).toMatch(/\.(ts|sql)$/);
      expect(file.startsWith('libs/ledger/')).toBe(false);
      expect(reason.trim()).not.toBe('');
    }
  });
});
