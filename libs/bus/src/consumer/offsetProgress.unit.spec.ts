import { OffsetProgress } from './offsetProgress';

describe('OffsetProgress', () => {
  it('resolves only up to the first offset still unfinished', () => {
    const resolved: string[] = [];
    const progress = new OffsetProgress(['10', '11', '12', '13'], (offset) => resolved.push(offset));
    progress.done('11');
    progress.done('13');
    expect(resolved).toEqual([]);
    progress.done('10');
    expect(resolved).toEqual(['11']);
    progress.done('12');
    expect(resolved).toEqual(['11', '13']);
  });
});
