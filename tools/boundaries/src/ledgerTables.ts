import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Only libs/ledger names the ledger's tables: every other package reaches the store through its
 * API, so the tables can change without a hunt through the workspace. The files below still name
 * them; each entry says why. The list only shrinks: an entry whose file no longer names a table
 * fails the check until it is deleted.
 */
export const LEDGER_TABLE_ALLOW_LIST: Readonly<Record<string, string>> = {
  // The former per-service role and grant migrations, kept verbatim as fixtures: a database
  // migrated with them must keep working once libs/ledger generates the same grants.
  'tools/registry/src/testing/legacy-migrations/audit/002_service_role.sql': 'former role migration, upgrade fixture',
  'tools/registry/src/testing/legacy-migrations/claims/002_service_role.sql': 'former role migration, upgrade fixture',
  'tools/registry/src/testing/legacy-migrations/evidence/002_service_role.sql':
    'former role migration, upgrade fixture',
  'tools/registry/src/testing/legacy-migrations/meeting-prep/002_service_role.sql':
    'former role migration, upgrade fixture',
  // The topology gate asks the database what the connection's role may do: its probe mirrors the
  // ledger trigger's category-ownership check, and its refusal names the table an operator fixes.
  'libs/host/src/topology/privilegeProbe.ts': 'category-ownership probe mirroring the ledger trigger',
  'libs/host/src/topology/checkTopology.ts': 'topology refusal names the ownership table to fix',
  // Tests of what the database itself grants or refuses, read from the catalogue as it stands.
  'tools/registry/src/serviceRoles.int.spec.ts': 'generated grants and owners compared with the former files',
  'tools/single-node/src/config/serviceTablePrivileges.int.spec.ts': 'a service role is refused the owners table',
  'tools/single-node/src/config/topologyGate.int.spec.ts': 'asserts the topology refusal, which names the table',
  'tools/multi-node/src/toy/toyService.e2e.spec.ts': 'the toy service owns its category once migrated',
  // A deliberately faulty projection handler: an unfiltered query of the events, which row-level
  // security must confine to the batch's org.
  'libs/projections/src/testing/strayProjection.ts': 'a handler bug that row-level security must confine',
  // A check the ledger's API does not offer: the clear text of every stored event.
  'tools/single-node/src/demo/narrative.e2e.spec.ts': 'no personal value in any stored canonical text',
  // Benchmark baselines: the raw SQL the ledger's own reads are measured against, on purpose.
  'libs/projections/bench/rawScan.ts': 'benchmark raw baseline (plain scan of the log)',
  'libs/projections/bench/rebuild.bench.ts': 'benchmark setup (ANALYZE before the raw baseline)',
  'tools/multi-node/bench/pipeline.bench.ts': 'benchmark probe (raw log head while measuring relay lag)',
  // This check's own planted cases.
  'tools/boundaries/src/ledgerTables.unit.spec.ts': 'planted table names of the check itself',
};

export interface LedgerTableMention {
  file: string;
  line: number;
  table: string;
}

export interface LedgerTableReport {
  /** Files outside libs/ledger, not allowed, that name a ledger table. */
  offenders: LedgerTableMention[];
  /** Allowed files that no longer name one: their entry is to be deleted. */
  stale: string[];
}

const LEDGER_PACKAGE = 'libs/ledger/';
const CREATE_TABLE = /CREATE TABLE (?:IF NOT EXISTS )?(ledger_[a-z0-9_]+)/gi;

/** The workspace's tracked files, as git lists them: what a clean clone holds. */
export function trackedFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '');
}

/** The tables libs/ledger creates, read from its migrations and its migration runner. */
export function ledgerTableNames(root: string, files: readonly string[]): string[] {
  const tables = new Set<string>();
  for (const file of files.filter((name) => name.startsWith(LEDGER_PACKAGE) && /\.(sql|ts)$/.test(name))) {
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(CREATE_TABLE)) tables.add(match[1]);
  }
  return [...tables].sort();
}

/** Every line of a `.ts` or `.sql` file outside libs/ledger that names one of `tables`. */
export function ledgerTableMentions(
  root: string,
  files: readonly string[],
  tables: readonly string[],
): LedgerTableMention[] {
  if (tables.length === 0) return [];
  const pattern = new RegExp(`\\b(${tables.join('|')})\\b`);
  const mentions: LedgerTableMention[] = [];
  for (const file of files) {
    if (file.startsWith(LEDGER_PACKAGE) || !/\.(ts|sql)$/.test(file)) continue;
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const match = pattern.exec(text);
        if (match) mentions.push({ file, line: index + 1, table: match[1] });
      });
  }
  return mentions;
}

export function checkLedgerTables(
  root: string,
  files: readonly string[] = trackedFiles(root),
  allowList: Readonly<Record<string, string>> = LEDGER_TABLE_ALLOW_LIST,
): LedgerTableReport {
  const tables = ledgerTableNames(root, files);
  if (tables.length === 0) throw new Error(`no CREATE TABLE ledger_… found under ${LEDGER_PACKAGE}`);
  const mentions = ledgerTableMentions(root, files, tables);
  const naming = new Set(mentions.map((mention) => mention.file));
  return {
    offenders: mentions.filter((mention) => !Object.hasOwn(allowList, mention.file)),
    stale: Object.keys(allowList).filter((file) => !naming.has(file)),
  };
}
