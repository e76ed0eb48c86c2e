import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVELOPE_SCHEMA_FILE } from './eventCatalog';
import { clearTextFields } from './clearTextFields';
import { EVENT_SCHEMA_DIR, loadSchemaFiles, type JsonSchema } from './schemaFiles';

const LEDGER_EVENT_DOC = join(EVENT_SCHEMA_DIR, '..', 'ledger-event.md');

/** `schema field` pairs of the tables under "What may stay in clear": each row names schemas and fields in backticks. */
function listedInDoc(markdown: string): Set<string> {
  const section = markdown.slice(markdown.indexOf('## What may stay in clear'));
  const listed = new Set<string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || !cells[1].startsWith('`')) continue;
    const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    for (const schema of ticked(cells[1])) for (const field of ticked(cells[2])) listed.add(`${schema} ${field}`);
  }
  return listed;
}

/** Clear-text fields the doc does not list, and listed fields no schema has. */
function undocumented(schemas: ReadonlyMap<string, JsonSchema>, listed: ReadonlySet<string>) {
  const found = new Set(clearTextFields(schemas, ENVELOPE_SCHEMA_FILE).map(({ schema, path }) => `${schema} ${path}`));
  return {
    unlisted: [...found].filter((field) => !listed.has(field)),
    stale: [...listed].filter((field) => !found.has(field)),
  };
}

/** A copy of the schemas with one more clear string in an event type's `data`. */
function planted(file: string, name: string, field: JsonSchema): Map<string, JsonSchema> {
  const schemas = loadSchemaFiles();
  const schema = structuredClone(schemas.get(file)) as {
    properties: { data: { properties: Record<string, unknown> } };
  };
  schema.properties.data.properties[name] = field;
  schemas.set(file, schema);
  return schemas;
}

describe('clear-text fields of the event schemas', () => {
  const listed = listedInDoc(readFileSync(LEDGER_EVENT_DOC, 'utf8'));

  it('are each listed in ledger-event.md with why, and every listed field exists', () => {
    expect(listed.size).toBeGreaterThan(50);
    expect(undocumented(loadSchemaFiles(), listed)).toEqual({ unlisted: [], stale: [] });
  });

  it('a string field planted in an event schema, neither listed nor sealed, fails the check', () => {
    const schemas = planted('DocumentTombstoned.v1.schema.json', 'note', { type: 'string', maxLength: 500 });
    expect(undocumented(schemas, listed).unlisted).toEqual(['DocumentTombstoned.v1 data.note']);
  });

  it('finds a planted string however it is nested: in an array of objects, behind a $ref, in a union', () => {
    const schemas = planted('EvidenceListed.v1.schema.json', 'notes', {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          by: { $ref: 'envelope.v1.schema.json#/$defs/reason' },
          text: { anyOf: [{ type: 'null' }, { type: ['string', 'null'] }] },
        },
      },
    });
    expect(undocumented(schemas, listed).unlisted.sort()).toEqual([
      'EvidenceListed.v1 data.notes[].by',
      'EvidenceListed.v1 data.notes[].text',
    ]);
  });

  it('a code (enum or const) is not free text and needs no row', () => {
    const schemas = planted('DocumentTombstoned.v1.schema.json', 'origin', { enum: ['user', 'provider'] });
    expect(undocumented(schemas, listed).unlisted).toEqual([]);
  });

  it('the types that moved free text into the sealed part have none left in clear', () => {
    const current = [
      'ProviderAccountRegistered',
      'ClaimSuperseded',
      'ClaimRetracted',
      'MentionRetracted',
      'AuditExported',
      'ProjectionSkipped',
    ];
    const fields = clearTextFields(loadSchemaFiles(), ENVELOPE_SCHEMA_FILE).map((f) => `${f.schema} ${f.path}`);
    for (const type of current) {
      expect(fields.filter((f) => f.startsWith(`${type}.v2 `) && /\.(label|reason)$|actors/.test(f))).toEqual([]);
    }
  });
});
