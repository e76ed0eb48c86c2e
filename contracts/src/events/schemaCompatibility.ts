import type { JsonSchema } from './schemaFiles';

/*
 * What a consumer written against the published schema relies on: every required field is there
 * and has the type it had. So, against the published version, a current schema breaks consumers
 * when it drops a required field, makes it optional, or changes its type (including widening,
 * e.g. adding null), and it breaks readers of old messages when it makes a field required that
 * was optional or absent. Adding optional fields, or removing optional ones, is allowed in v1.
 * Only `type`, `const`, `properties`, `required`, `items`, `allOf`/`anyOf`/`oneOf` and `$ref`s
 * (within a file and to its siblings) are looked at; value constraints (patterns, bounds, enums)
 * are not.
 */

type SchemaSet = ReadonlyMap<string, JsonSchema>;

/** A schema node and the file it sits in, so relative `$ref`s can be followed. */
interface Located {
  node: JsonSchema;
  file: string;
}

function asSchema(value: unknown): JsonSchema | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : null;
}

function follow(set: SchemaSet, at: Located, ref: string): Located {
  const [filePart, pointer = ''] = ref.split('#');
  const file = filePart === '' ? at.file : filePart;
  let node: unknown = set.get(file);
  for (const token of pointer.split('/').filter(Boolean))
    node = asSchema(node)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  const found = asSchema(node);
  if (!found) throw new Error(`${at.file}: unresolvable $ref ${ref}`);
  return { node: found, file };
}

/** The node and everything it is an intersection of (`$ref`, `allOf`), references followed. */
function parts(set: SchemaSet, at: Located): Located[] {
  const found: Located[] = [at];
  if (typeof at.node.$ref === 'string') found.push(...parts(set, follow(set, at, at.node.$ref)));
  for (const member of (at.node.allOf as unknown[] | undefined) ?? []) {
    const schema = asSchema(member);
    if (schema) found.push(...parts(set, { node: schema, file: at.file }));
  }
  return found;
}

/** The alternatives of a place (`anyOf`/`oneOf` branches), or the place itself. */
function variants(set: SchemaSet, at: Located): Located[] {
  for (const part of parts(set, at)) {
    const branches = (part.node.anyOf ?? part.node.oneOf) as unknown[] | undefined;
    if (branches) return branches.flatMap((branch) => located(branch, part.file)).flatMap((b) => variants(set, b));
  }
  return [at];
}

function located(value: unknown, file: string): Located[] {
  const node = asSchema(value);
  return node ? [{ node, file }] : [];
}

/** The JSON types a place admits (a constant counts as its own type): what a reader branches on. */
function typeOfPlace(set: SchemaSet, at: Located): string {
  const types = new Set<string>();
  for (const variant of variants(set, at)) {
    const all = parts(set, variant);
    const constant = all.find((part) => 'const' in part.node);
    const declared = all.map((part) => part.node.type).find((type) => type !== undefined);
    if (constant) types.add(`const ${JSON.stringify(constant.node.const)}`);
    else if (declared !== undefined) [declared].flat().forEach((type) => types.add(String(type)));
    else types.add('any');
  }
  return [...types].sort().join(' | ');
}

/**
 * A node is the intersection of the places that constrain it (an event's `data` and the
 * envelope's), most specific first: its type is the first one stated.
 */
type Node = Located[];

function typeOf(set: SchemaSet, node: Node): string {
  return node.map((at) => typeOfPlace(set, at)).find((type) => type !== 'any') ?? 'any';
}

/** With `onlyFile`, what other files contribute is left out: those files are compared on their own. */
function shapeOf(set: SchemaSet, node: Node, onlyFile?: string) {
  const required = new Set<string>();
  const properties = new Map<string, Node>();
  const all = node.flatMap((at) => parts(set, at));
  for (const part of onlyFile === undefined ? all : all.filter((at) => at.file === onlyFile)) {
    for (const name of (part.node.required as string[] | undefined) ?? []) required.add(name);
    for (const [name, schema] of Object.entries(asSchema(part.node.properties) ?? {})) {
      properties.set(name, [...(properties.get(name) ?? []), ...located(schema, part.file)]);
    }
  }
  return { required, properties };
}

function variantsOf(set: SchemaSet, node: Node): Node[] {
  const branching = node.map((at) => variants(set, at)).find((found) => found.length > 1);
  return (branching ?? []).map((at) => [at]);
}

function itemsOf(set: SchemaSet, node: Node): Node {
  return node.flatMap((at) => parts(set, at)).flatMap((part) => located(part.node.items, part.file));
}

interface Sides {
  published: SchemaSet;
  current: SchemaSet;
  /** The file being compared: at its root, the envelope's own fields are the envelope file's concern. */
  file: string;
  problems: string[];
}

function compareShapes(sides: Sides, published: Node, current: Node, path: string): void {
  const onlyFile = path === sides.file ? sides.file : undefined;
  const before = shapeOf(sides.published, published, onlyFile);
  const after = shapeOf(sides.current, current, onlyFile);
  for (const name of before.required) {
    if (!after.properties.has(name) && !after.required.has(name))
      sides.problems.push(`${path}.${name}: required field removed`);
    else if (!after.required.has(name)) sides.problems.push(`${path}.${name}: required field made optional`);
  }
  for (const name of after.required) {
    if (before.required.has(name)) continue;
    const change = before.properties.has(name) ? 'optional field made required' : 'new required field';
    sides.problems.push(`${path}.${name}: ${change}`);
  }
  for (const [name, node] of before.properties) {
    const now = after.properties.get(name);
    if (now) compareNodes(sides, node, now, `${path}.${name}`);
  }
}

function compareNodes(sides: Sides, published: Node, current: Node, path: string): void {
  const before = typeOf(sides.published, published);
  const after = typeOf(sides.current, current);
  if (before !== after) {
    sides.problems.push(`${path}: type changed from ${before} to ${after}`);
    return;
  }
  compareShapes(sides, published, current, path);
  const [oldVariants, newVariants] = [variantsOf(sides.published, published), variantsOf(sides.current, current)];
  if (newVariants.length < oldVariants.length) sides.problems.push(`${path}: a variant was removed`);
  oldVariants.slice(0, newVariants.length).forEach((variant, i) => {
    compareNodes(sides, variant, newVariants[i], `${path}<${i}>`);
  });
  const [oldItems, newItems] = [itemsOf(sides.published, published), itemsOf(sides.current, current)];
  if (oldItems.length > 0 && newItems.length > 0) compareNodes(sides, oldItems, newItems, `${path}[]`);
}

/**
 * Changes of the current schemas that break consumers of the published ones, as readable
 * lines (`DocumentIngested.v1.schema.json.data.version: type changed from integer to string`);
 * empty when the current set is compatible. A published schema may not disappear either.
 */
export function breakingChanges(published: SchemaSet, current: SchemaSet): string[] {
  const problems: string[] = [];
  for (const [file, schema] of published) {
    const now = current.get(file);
    if (!now) problems.push(`${file}: schema removed`);
    else compareNodes({ published, current, file, problems }, [{ node: schema, file }], [{ node: now, file }], file);
  }
  return problems;
}
