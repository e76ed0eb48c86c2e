import { validateDefinition, type OwnedTable, type ProjectionDefinition } from '../definition/projectionDefinition';
import { ownedTableSql } from './ownedTableSql';

const notes: OwnedTable = {
  name: 'svc_notes',
  key: { note_id: 'text', day: 'date' },
  columns: { title: 'text', words: 'bigint', state: 'text', pinned: 'boolean' },
  notNull: ['words', 'pinned'],
  defaults: { words: -1, state: "it's new", pinned: false },
  indexes: [
    { name: 'svc_notes_by_words', columns: ['words', 'note_id'] },
    { name: 'svc_notes_open', columns: ['title'], where: "state = 'open'" },
  ],
};

const definition = (table: OwnedTable): ProjectionDefinition => ({
  name: 'svc.notes',
  version: 1,
  prefix: 'svc_',
  tables: [table],
  handlers: {},
});

describe('ownedTableSql', () => {
  it('creates the table with (org_id, generation) first, the key not null, nullability and defaults as declared, and its indexes', () => {
    expect(ownedTableSql(notes)).toBe(
      [
        'CREATE TABLE IF NOT EXISTS svc_notes (',
        '  org_id text NOT NULL,',
        '  generation bigint NOT NULL,',
        '  note_id text NOT NULL,',
        '  day date NOT NULL,',
        '  title text,',
        '  words bigint NOT NULL DEFAULT -1,',
        "  state text DEFAULT 'it''s new',",
        '  pinned boolean NOT NULL DEFAULT false,',
        '  PRIMARY KEY (org_id, generation, note_id, day)',
        ');',
        'CREATE INDEX IF NOT EXISTS svc_notes_by_words ON svc_notes (org_id, generation, words, note_id);',
        "CREATE INDEX IF NOT EXISTS svc_notes_open ON svc_notes (org_id, generation, title) WHERE state = 'open';",
        '',
      ].join('\n'),
    );
  });

  it.each<[string, Partial<OwnedTable>, RegExp]>([
    ['notNull naming an unknown column', { notNull: ['missing'] }, /names missing/],
    ['notNull naming a key column', { notNull: ['note_id'] }, /names note_id/],
    ['a default of an unknown column', { defaults: { missing: 1 } }, /names missing/],
    ['a non-finite default', { defaults: { words: Number.NaN } }, /not finite/],
    ['an index outside the prefix', { indexes: [{ name: 'other_idx', columns: ['title'] }] }, /lacks prefix/],
    ['an index of an unknown column', { indexes: [{ name: 'svc_idx', columns: ['nope'] }] }, /unknown column nope/],
    ['an index without columns', { indexes: [{ name: 'svc_idx', columns: [] }] }, /at least one column/],
    [
      'a predicate that would end the statement',
      { indexes: [{ name: 'svc_idx', columns: ['title'], where: 'true; DROP TABLE x' }] },
      /one expression/,
    ],
    ['a column both key and non-key', { columns: { note_id: 'text' } }, /bad column note_id/],
  ])('is refused a table with %s', (_case, change, message) => {
    expect(() => validateDefinition(definition({ ...notes, ...change }))).toThrow(message);
  });

  it('accepts the declaration it generates from', () => {
    expect(validateDefinition(definition(notes)).tables).toEqual([notes]);
  });
});
