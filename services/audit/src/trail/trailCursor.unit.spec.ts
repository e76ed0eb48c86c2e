import { decodeTrailCursor, encodeTrailCursor } from './trailCursor';

describe('trail cursor', () => {
  it('round-trips an org sequence number', () => {
    for (const seq of [0, 1, 41, 9_007_199_254_740]) expect(decodeTrailCursor(encodeTrailCursor(seq))).toBe(seq);
  });

  it.each(['', 'not a cursor', Buffer.from('t1:-1').toString('base64url'), Buffer.from('x:5').toString('base64url')])(
    'refuses %p with AUDIT.INVALID_CURSOR',
    (cursor) => {
      expect(() => decodeTrailCursor(cursor)).toThrow(expect.objectContaining({ code: 'AUDIT.INVALID_CURSOR' }));
    },
  );
});
