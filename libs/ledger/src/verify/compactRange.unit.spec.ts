import { createHash } from 'node:crypto';
import { rfcRootOfLeafHashes } from '../tree/testing/rfcVerifier';
import { CompactRange } from './compactRange';

const leaf = (i: number) => createHash('sha256').update(`leaf ${i}`).digest();

describe('CompactRange', () => {
  it('has the RFC 6962 root of the leaves appended so far, at every size', () => {
    const range = new CompactRange();
    const leaves: Buffer[] = [];
    for (let size = 0; size <= 70; size++) {
      expect(Buffer.from(range.root()).toString('hex')).toBe(Buffer.from(rfcRootOfLeafHashes(leaves)).toString('hex'));
      leaves.push(leaf(size));
      range.append(leaf(size).toString('latin1'));
    }
    expect(range.size).toBe(71);
  });

  it('refuses a leaf that is not 32 bytes', () => {
    expect(() => new CompactRange().append('short')).toThrow('leaf must be 32 bytes');
  });
});
