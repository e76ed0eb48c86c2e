import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where drills record their results, from the repository root. */
export const READINESS_DIR = join(__dirname, '..', '..', '..', 'outputs', 'readiness');

export interface ReadinessRecord {
  name: string;
  command: string;
  date: string;
  result: 'PASS' | 'FAIL';
  targets: Record<string, number | string>;
  figures: Record<string, number | string>;
  checks: Record<string, boolean>;
  failures: string[];
  machine: Record<string, number | string>;
}

export async function writeReadiness(record: ReadinessRecord, dir = READINESS_DIR): Promise<string> {
  const path = join(dir, `${record.name}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}
