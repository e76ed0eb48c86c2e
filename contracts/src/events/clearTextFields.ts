import type { JsonSchema } from './schemaFiles';

/*
 * The clear-text string fields of the event schemas: every place a string can sit outside the
 * sealed personal part. `ledger-event.md` must list each with why it is safe in clear; strings
 * restricted to an `enum` or a `const` are codes, not text, and integers, booleans and nulls
 * cannot carry text, so those are not collected.
 */

type SchemaSet = ReadonlyMap<string, JsonSchema>;

/** A schema file without its `.schema.json` (`DocumentIngested.v1`) and a dotted path (`data.messageId`, `[]` for items). */
export interface ClearTextField {
  schema: string;
  path: string;
}

function asSchema(value: unknown): JsonSchema | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : null;
}

interface Located {
  node: JsonSchema;
  file: string;
}

function resolve(set: SchemaSet, at: Located, ref: string): Located {
  const [filePart, pointer = ''] = ref.split('#');
  const file = filePart === '' ? at.file : filePart;
  let node: unknown = set.get(file);
  for (const token of pointer.split('/').filter(Boolean)) node = asSchema(node)?.[token];
  const found = asSchema(node);
  if (!found) throw new Error(`${at.file}: unresolvable $ref ${ref}`);
  return { node: found, file };
}

/** The node itself and every schema it is the intersection or union of, references followed. */
function expand(set: SchemaSet, at: Located): Located[] {
  const found: Located[] = [at];
  if (typeof at.node.$ref === 'string') found.push(...expand(set, resolve(set, at, at.node.$ref)));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const member of (at.node[key] as unknown[] | undefined) ?? []) {
      const schema = asSchema(member);
      if (schema) found.push(...expand(set, { node: schema, file: at.file }));
    }
  }
  return found;
}

function isFreeString(node: JsonSchema): boolean {
  const types = [node.type].flat();
  return types.includes('string') && !('enum' in node) && !('const' in node);
}

function walk(set: SchemaSet, at: Located, path: string, skip: ReadonlySet<string>, out: Set<string>): void {
  for (const part of expand(set, at)) {
    if (isFreeString(part.node)) out.add(path);
    for (const [name, child] of Object.entries(asSchema(part.node.properties) ?? {})) {
      const childPath = path === '' ? name : `${path}.${name}`;
      const schema = asSchema(child);
      if (schema && !skip.has(childPath)) walk(set, { node: schema, file: part.file }, childPath, skip, out);
    }
    const items = asSchema(part.node.items);
    if (items) walk(set, { node: items, file: part.file }, `${path}[]`, skip, out);
  }
}

/**
 * The clear-text string fields of one schema file. An event type's file is walked from its own
 * `data` (the envelope's fields are the envelope file's); the envelope from its root, leaving
 * out `data` (each type's) and `personal` (ciphertext).
 */
export function clearTextFieldsOf(set: SchemaSet, file: string, envelopeFile: string): ClearTextField[] {
  const schema = set.get(file);
  if (!schema) throw new Error(`no schema ${file}`);
  const out = new Set<string>();
  if (file === envelopeFile) {
    walk(set, { node: schema, file }, '', new Set(['data', 'personal']), out);
  } else {
    const data = asSchema(asSchema(schema.properties)?.data);
    if (data) walk(set, { node: data, file }, 'data', new Set(), out);
  }
  const name = file.replace(/\.schema\.json$/, '');
  return [...out].sort().map((path) => ({ schema: name, path }));
}

/** Every clear-text string field of a set of schema files. */
export function clearTextFields(set: SchemaSet, envelopeFile: string): ClearTextField[] {
  return [...set.keys()].flatMap((file) => clearTextFieldsOf(set, file, envelopeFile));
}
