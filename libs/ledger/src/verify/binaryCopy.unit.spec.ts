import { BinaryCopyParser, readInt64 } from './binaryCopy';
import { eventCopyStream } from './testing/binaryTuples';

const row = (position: number) => ({
  position,
  streamId: 's',
  streamRevision: position,
  eventId: '6f1c1a3e-6f5b-4bb1-9a53-0d3f1f5f0a11',
  type: 'T',
  schemaVersion: 1,
  actor: 'a',
  recordedUs: 1_700_000_000_000_000,
  canonical: `{"n":${position}}`,
  leafHash: Buffer.alloc(32, position),
});

function positionsOf(chunks: readonly Buffer[]): number[] {
  const positions: number[] = [];
  const parser = new BinaryCopyParser(10, (bytes, bounds) => positions.push(readInt64(bytes, bounds[0])));
  for (const chunk of chunks) parser.push(chunk);
  parser.finish();
  return positions;
}

describe('BinaryCopyParser', () => {
  const stream = eventCopyStream([row(1), row(2), row(3)]);

  it('finds every tuple and its fields', () => {
    const canonicals: string[] = [];
    const parser = new BinaryCopyParser(10, (bytes, f) => canonicals.push(bytes.toString('utf8', f[16], f[17])));
    parser.push(stream);
    parser.finish();
    expect(canonicals).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
  });

  it('reads the same tuples however the stream is cut into chunks', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(positionsOf([stream.subarray(0, cut), stream.subarray(cut)])).toEqual([1, 2, 3]);
    }
    expect(positionsOf([...stream].map((byte) => Buffer.of(byte)))).toEqual([1, 2, 3]);
  });

  it('marks NULL fields, and refuses a stream without its trailer or of another shape', () => {
    const nullField = Buffer.concat([stream.subarray(0, 19), Buffer.from([0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]);
    const bounds: number[][] = [];
    const parser = new BinaryCopyParser(1, (_, f) => bounds.push([...f]));
    parser.push(nullField);
    parser.finish();
    expect(bounds).toEqual([[-1, -1]]);
    expect(() => positionsOf([stream.subarray(0, stream.length - 2)])).toThrow('ended early');
    expect(() => new BinaryCopyParser(2, () => undefined).push(stream)).toThrow('expected 2');
    expect(() => new BinaryCopyParser(10, () => undefined).push(Buffer.alloc(32))).toThrow('not a binary COPY');
  });
});
