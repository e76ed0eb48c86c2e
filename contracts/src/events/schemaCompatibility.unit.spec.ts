import { join } from 'node:path';
import { breakingChanges } from './schemaCompatibility';
import { EVENT_SCHEMA_DIR, loadSchemaFiles, PUBLISHED_SCHEMA_DIR, type JsonSchema } from './schemaFiles';

const published = loadSchemaFiles(PUBLISHED_SCHEMA_DIR);

/** Schemas edited on purpose to break consumers in every way the check must notice. */
const broken = loadSchemaFiles(join(__dirname, 'fixtures', 'broken'));

function withChanged(file: string, edit: (schema: any) => void): Map<string, JsonSchema> {
  const copy = structuredClone(published.get(file)) as JsonSchema;
  edit(copy);
  return new Map([...published, [file, copy]]);
}

describe('the current event schemas', () => {
  it('keep every published schema, and break no consumer of it', () => {
    expect(breakingChanges(published, loadSchemaFiles(EVENT_SCHEMA_DIR))).toEqual([]);
  });
});

describe('the compatibility check', () => {
  it('reports each removed, retyped, loosened or newly required field of a deliberately broken set', () => {
    const problems = breakingChanges(published, new Map([...published, ...broken]));
    expect(problems.filter((line) => line.startsWith('DocumentIngested')).sort()).toEqual([
      'DocumentIngested.v1.schema.json.data.historyId: required field made optional',
      'DocumentIngested.v1.schema.json.data.mailbox: new required field',
      'DocumentIngested.v1.schema.json.data.sourceHash: required field removed',
      'DocumentIngested.v1.schema.json.data.version: type changed from integer to string',
    ]);
    expect(problems.filter((line) => line.startsWith('envelope')).sort()).toEqual([
      'envelope.v1.schema.json.metadata.correlationId: optional field made required',
      'envelope.v1.schema.json.orgSeq: type changed from integer to string',
    ]);
  });

  it('follows references into shared definitions, reporting the change where each event uses it', () => {
    const problems = breakingChanges(published, new Map([...published, ...broken]));
    expect(problems).toContain('MentionAdded.v1.schema.json.data.span.endChar: type changed from integer to string');
    expect(problems).toContain(
      'ClaimAsserted.v1.schema.json.data.citations[].endChar: type changed from integer to string',
    );
  });

  it('reports a schema that disappeared, a constant that changed and a type widened to null', () => {
    const without = new Map(published);
    without.delete('BriefViewed.v1.schema.json');
    expect(breakingChanges(published, without)).toEqual(['BriefViewed.v1.schema.json: schema removed']);
    const renamed = withChanged('BriefViewed.v1.schema.json', (s) => (s.properties.type.const = 'BriefOpened'));
    expect(breakingChanges(published, renamed)).toEqual([
      'BriefViewed.v1.schema.json.type: type changed from const "BriefViewed" to const "BriefOpened"',
    ]);
    const nullable = withChanged('BriefViewed.v1.schema.json', (s) => {
      s.properties.data.properties.briefId = { anyOf: [{ type: 'null' }, { type: 'string' }] };
    });
    expect(breakingChanges(published, nullable)).toEqual([
      'BriefViewed.v1.schema.json.data.briefId: type changed from string to null | string',
    ]);
  });

  it('reports a removed variant of a field that is one of several shapes', () => {
    const fewer = withChanged('ClaimAsserted.v1.schema.json', (s) => s.properties.data.properties.object.oneOf.pop());
    expect(breakingChanges(published, fewer)).toEqual([
      'ClaimAsserted.v1.schema.json.data.object: a variant was removed',
    ]);
  });

  it('allows additive changes: a new optional field, a dropped optional one, a new event type', () => {
    const added = withChanged('BriefViewed.v1.schema.json', (s) => {
      s.properties.data.properties.view = { enum: ['full', 'summary'] };
    });
    added.set('BriefShared.v1.schema.json', { title: 'new' });
    expect(breakingChanges(published, added)).toEqual([]);
    const dropped = withChanged('envelope.v1.schema.json', (s) => delete s.properties.metadata.properties.causationId);
    expect(breakingChanges(published, dropped)).toEqual([]);
  });
});
