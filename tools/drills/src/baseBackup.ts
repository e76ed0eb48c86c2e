import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { chownToServer, run, serverOwnedDir } from './pgCluster';

export type BackupMethod = 'pg_basebackup' | 'low-level API';

/**
 * Takes a base backup of a running server into `target`. With `pg_basebackup` when the binaries
 * folder has it (Debian's); the embedded package ships none, so there the documented low-level
 * API is used: pg_backup_start, a file copy, pg_backup_stop and its backup_label. Either way the
 * WAL it needs comes from the archive at restore time.
 */
export async function takeBaseBackup(bin: string, url: string, source: string, target: string): Promise<BackupMethod> {
  if (existsSync(join(bin, 'pg_basebackup'))) {
    await serverOwnedDir(target);
    await run(join(bin, 'pg_basebackup'), ['-d', url, '-D', target, '-X', 'none', '-c', 'fast', '--no-sync'], true);
    return 'pg_basebackup';
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT pg_backup_start('restore-drill', true)`);
    await mkdir(target, { recursive: true });
    // What the documentation says to leave out of a copy: WAL (from the archive), the running
    // server's pid file and options, and what the server rebuilds on start.
    const skip = new Set([
      'pg_wal',
      'postmaster.pid',
      'postmaster.opts',
      'pg_replslot',
      'pg_stat_tmp',
      'drill-server.log',
    ]);
    for (const entry of await readdir(source)) {
      if (skip.has(entry)) continue;
      await cp(join(source, entry), join(target, entry), { recursive: true });
    }
    for (const empty of ['pg_wal', 'pg_replslot', 'pg_stat_tmp']) await mkdir(join(target, empty), { recursive: true });
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(true)',
    );
    await writeFile(join(target, 'backup_label'), rows[0].labelfile);
    if (rows[0].spcmapfile) await writeFile(join(target, 'tablespace_map'), rows[0].spcmapfile);
  } finally {
    await client.end();
  }
  await chownToServer(target);
  return 'low-level API';
}
