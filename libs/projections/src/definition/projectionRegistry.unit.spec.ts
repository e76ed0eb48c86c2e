import { demoProjection } from '../examples/demo/demoProjection';
import { describeFailure, ProjectionError } from '../errors/projectionError';
import { validateDefinition, type ProjectionDefinition } from './projectionDefinition';
import { ProjectionRegistry } from './projectionRegistry';

const base: ProjectionDefinition = {
  name: 'svc.things',
  version: 1,
  prefix: 'svc_',
  tables: [{ name: 'svc_things', key: { thing_id: 'text' }, columns: { size: 'bigint' } }],
  handlers: {},
};

describe('projection definitions', () => {
  it.each([
    [
      'a table outside the prefix',
      { tables: [{ name: 'other_things', key: { id: 'text' }, columns: {} }] },
      /lacks prefix/,
    ],
    [
      'a table name that is not an identifier',
      { tables: [{ name: 'svc_x; DROP', key: { id: 'text' }, columns: {} }] },
      /identifier/,
    ],
    ['a key-less table', { tables: [{ name: 'svc_things', key: {}, columns: {} }] }, /key column/],
    [
      'a column named generation',
      { tables: [{ name: 'svc_things', key: { generation: 'bigint' }, columns: {} }] },
      /bad column/,
    ],
    ['version 0', { version: 0 }, /version/],
    ['a prefix without underscore', { prefix: 'svc' }, /prefix/],
  ])('rejects %s', (_case, change, message) => {
    expect(() => validateDefinition({ ...base, ...change } as ProjectionDefinition)).toThrow(message);
  });

  it('accepts the example projection', () => {
    expect(validateDefinition(demoProjection)).toBe(demoProjection);
  });
});

describe('ProjectionRegistry', () => {
  it('lists by name and finds a registered projection', () => {
    const registry = new ProjectionRegistry([demoProjection, base]);
    expect(registry.list().map((definition) => definition.name)).toEqual(['demo.accounts', 'svc.things']);
    expect(registry.get('svc.things')).toBe(base);
  });

  it('names an unknown projection with a stable code', () => {
    expect(() => new ProjectionRegistry().get('nope')).toThrow(
      expect.objectContaining({ code: 'PROJECTIONS.UNKNOWN_PROJECTION' }),
    );
  });

  it('refuses two projections owning the same table', () => {
    expect(() => new ProjectionRegistry([base, { ...base, name: 'svc.copy' }])).toThrow(/already owned/);
  });
});

describe('describeFailure', () => {
  it('keeps class and code, never the message, which may quote personal data', () => {
    const pgLike = Object.assign(new Error('duplicate key (email)=(jane@example.com)'), { code: '23505' });
    expect(describeFailure(pgLike)).toBe('Error (23505)');
    expect(describeFailure(new TypeError('bad value Jane'))).toBe('TypeError');
    expect(describeFailure(new ProjectionError('PROJECTIONS.NOT_FAILED', 'x'))).toBe(
      'ProjectionError (PROJECTIONS.NOT_FAILED)',
    );
    expect(describeFailure('a string')).toBe('string');
  });
});
