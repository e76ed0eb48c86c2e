import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type JsonSchema = { [key: string]: unknown };

/** Each schema's `$id` is this plus its file name, so relative `$ref`s resolve the same by id and by path. */
export const SCHEMA_BASE_URI = 'https://todox.invalid/contracts/events/';

/** The current schemas, one file per event type and version, plus the shared envelope. */
export const EVENT_SCHEMA_DIR = join(__dirname, '..', '..', 'events');

/** The schemas as last published: the compatibility test compares the current ones against them. */
export const PUBLISHED_SCHEMA_DIR = join(EVENT_SCHEMA_DIR, 'published');

/** Every `*.schema.json` of a folder, by file name. */
export function loadSchemaFiles(dir: string = EVENT_SCHEMA_DIR): Map<string, JsonSchema> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort();
  return new Map(files.map((name) => [name, JSON.parse(readFileSync(join(dir, name), 'utf8')) as JsonSchema]));
}
