// `npm run check:boundaries`, second half: exits 1 when a file outside libs/ledger names a ledger
// table without an allow-list entry, or when an entry has become stale.
import { join } from 'node:path';
import { checkLedgerTables } from './ledgerTables';

const { offenders, stale } = checkLedgerTables(join(__dirname, '..', '..', '..'));
for (const { file, line, table } of offenders) {
  console.error(`only-ledger-names-ledger-tables: ${file}:${line} names ${table}; go through @ledger/ledger instead`);
}
for (const file of stale) {
  console.error(`only-ledger-names-ledger-tables: ${file} no longer names a ledger table; delete its allow-list entry`);
}
if (offenders.length + stale.length > 0) process.exitCode = 1;
else console.log('ledger tables: named only in libs/ledger and the allow-listed files');
