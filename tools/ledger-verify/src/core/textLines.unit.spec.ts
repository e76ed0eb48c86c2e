import { textLines } from './textLines';

async function linesOf(...chunks: string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  async function* source() {
    for (const chunk of chunks) yield encoder.encode(chunk);
  }
  const lines: string[] = [];
  for await (const line of textLines(source())) lines.push(line);
  return lines;
}

describe('textLines: the line splitting both verifiers share', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, as Node readline does, across chunk boundaries', async () => {
    expect(await linesOf('a\nb\r', '\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    expect(await linesOf('a\r')).toEqual(['a']);
    expect(await linesOf('a\n\nb\n')).toEqual(['a', '', 'b']);
    expect(await linesOf('')).toEqual([]);
  });

  it('decodes a character split between chunks', async () => {
    const bytes = new TextEncoder().encode('é\n');
    async function* split() {
      yield bytes.subarray(0, 1);
      yield bytes.subarray(1);
    }
    const lines: string[] = [];
    for await (const line of textLines(split())) lines.push(line);
    expect(lines).toEqual(['é']);
  });
});
