import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { OwnedTable, ProjectionDefinition } from '../definition/projectionDefinition';

export interface TableChecksum {
  rows: number;
  /** Order-independent: the sum of each row's hash, so no sort of a large table is needed. */
  checksum: string;
}

export interface GenerationChecksum {
  generation: number;
  lastSeq: number;
  tables: Record<string, TableChecksum>;
  /** SHA-256 over the tables' checksums in definition order. */
  digest: string;
}

function rowExpression(table: OwnedTable): string {
  return `ROW(${[...Object.keys(table.key), ...Object.keys(table.columns)].join(', ')})`;
}

/** A deterministic checksum of one table's rows of one (org, generation), ignoring the generation. */
async function tableChecksum(db: Pool | PoolClient, table: OwnedTable, orgId: string, generation: number) {
  const { rows } = await db.query<{ rows: string; checksum: string }>(
    `SELECT count(*) AS rows,
            coalesce(sum(('x' || substr(md5(${rowExpression(table)}::text), 1, 15))::bit(60)::bigint::numeric), 0)::text
              AS checksum
       FROM ${table.name} WHERE org_id = $1 AND generation = $2`,
    [orgId, generation],
  );
  return { rows: Number(rows[0].rows), checksum: rows[0].checksum };
}

export async function generationChecksum(
  db: Pool | PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  generation: number,
  lastSeq: number,
): Promise<GenerationChecksum> {
  const tables: Record<string, TableChecksum> = {};
  const hash = createHash('sha256');
  for (const table of definition.tables) {
    tables[table.name] = await tableChecksum(db, table, orgId, generation);
    hash.update(`${table.name}:${tables[table.name].rows}:${tables[table.name].checksum}\n`);
  }
  return { generation, lastSeq, tables, digest: hash.digest('hex') };
}

export interface TableDifference {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  onlyInLive: number;
  onlyInRebuilt: number;
}

/** Counts the rows that differ, only for tables whose checksums differ. */
export async function tableDifferences(
  db: Pool | PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  live: GenerationChecksum,
  rebuilt: GenerationChecksum,
): Promise<TableDifference[]> {
  const differences: TableDifference[] = [];
  for (const table of definition.tables) {
    const a = live.tables[table.name];
    const b = rebuilt.tables[table.name];
    if (a.rows === b.rows && a.checksum === b.checksum) continue;
    const row = rowExpression(table);
    const except = (x: number, y: number) =>
      `SELECT count(*) AS n FROM (SELECT ${row} AS r FROM ${table.name} WHERE org_id = $1 AND generation = ${x}
        EXCEPT ALL SELECT ${row} FROM ${table.name} WHERE org_id = $1 AND generation = ${y}) d`;
    const onlyLive = await db.query<{ n: string }>(except(live.generation, rebuilt.generation), [orgId]);
    const onlyRebuilt = await db.query<{ n: string }>(except(rebuilt.generation, live.generation), [orgId]);
    differences.push({
      table: table.name,
      liveRows: a.rows,
      rebuiltRows: b.rows,
      onlyInLive: Number(onlyLive.rows[0].n),
      onlyInRebuilt: Number(onlyRebuilt.rows[0].n),
    });
  }
  return differences;
}
