import { TileCache } from './tileCache';

describe('TileCache', () => {
  it('keeps tiles and nodes apart, per org', () => {
    const cache = new TileCache();
    cache.setTile('org-a', '0/1', Uint8Array.of(1));
    cache.setNode('org-a', '0/1', Uint8Array.of(2));
    expect(cache.tile('org-a', '0/1')).toEqual(Uint8Array.of(1));
    expect(cache.node('org-a', '0/1')).toEqual(Uint8Array.of(2));
    expect(cache.tile('org-b', '0/1')).toBeUndefined();
  });

  it('forgets the least recently used entry beyond its capacity', () => {
    const cache = new TileCache(2);
    cache.setTile('org', '0/0', Uint8Array.of(0));
    cache.setTile('org', '0/1', Uint8Array.of(1));
    cache.tile('org', '0/0');
    cache.setTile('org', '0/2', Uint8Array.of(2));
    expect([cache.tile('org', '0/0'), cache.tile('org', '0/1'), cache.tile('org', '0/2')]).toEqual([
      Uint8Array.of(0),
      undefined,
      Uint8Array.of(2),
    ]);
    expect(cache.size).toBe(2);
  });
});
