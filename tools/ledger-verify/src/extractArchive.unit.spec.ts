import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ARCHIVE_LIMITS, extractArchive, NotAnArchive } from './extractArchive';
import { tarOf, type TarEntry } from './testing/tarBuilder';

describe('extractArchive: the strict reader of bundle archives', () => {
  let root: string;
  let scratch: string;
  let count = 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ledger-verify-archive-'));
  });
  beforeEach(async () => {
    // Where extractArchive unpacks to: it must be empty again after every refusal.
    scratch = await mkdtemp(join(root, 'tmp-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function archive(entries: readonly TarEntry[], tail = Buffer.alloc(0)): Promise<string> {
    const file = join(root, `a${count++}.tar.gz`);
    await writeFile(file, gzipSync(Buffer.concat([tarOf(entries), tail])));
    return file;
  }

  async function refusal(file: string): Promise<string> {
    const error: unknown = await extractArchive(file, true, scratch).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(NotAnArchive);
    expect(await readdir(scratch)).toEqual([]);
    return (error as NotAnArchive).detail;
  }

  it('unpacks the export layout, one folder of files, into a private folder it can remove', async () => {
    const file = await archive([
      { name: 'audit-export-1/', type: '5' },
      { name: 'audit-export-1/events.jsonl', content: '{"a":1}\n' },
      { name: 'audit-export-1/leaves.txt', content: 'x'.repeat(700) },
    ]);
    const extracted = await extractArchive(file, true, scratch);
    const [unpacked] = await readdir(scratch);
    expect(unpacked).toMatch(/^ledger-verify-/);
    expect(extracted.dir).toBe(join(scratch, unpacked, 'audit-export-1'));
    expect(await readFile(join(extracted.dir, 'events.jsonl'), 'utf8')).toBe('{"a":1}\n');
    expect(await readFile(join(extracted.dir, 'leaves.txt'), 'utf8')).toBe('x'.repeat(700));
    await extracted.remove();
    expect(await readdir(scratch)).toEqual([]);
  });

  it.each<[string, TarEntry[], string]>([
    ['an absolute path', [{ name: '/tmp/manifest.json', content: '{}' }], '"/tmp/manifest.json" (an absolute path)'],
    [
      'a ../ path',
      [{ name: '../manifest.json', content: '{}' }],
      '"../manifest.json" (a path outside the bundle folder)',
    ],
    [
      'a hard link',
      [
        { name: 'b/', type: '5' },
        { name: 'b/manifest.json', type: '1', linkName: '/etc/passwd' },
      ],
      '"b/manifest.json" (a link: only regular files are accepted)',
    ],
    [
      'a symbolic link',
      [
        { name: 'b/', type: '5' },
        { name: 'b/events.jsonl', type: '2', linkName: '../../x' },
      ],
      '"b/events.jsonl" (a link: only regular files are accepted)',
    ],
    [
      'a duplicate name',
      [
        { name: 'b/manifest.json', content: '{}' },
        { name: 'b/Manifest.json', content: '{"x":1}' },
      ],
      '"b/Manifest.json" (a second entry with the same name)',
    ],
    [
      'a nested folder',
      [{ name: 'b/c/manifest.json', content: '{}' }],
      '"b/c/manifest.json" (nested deeper than the bundle folder)',
    ],
    [
      'a second folder',
      [
        { name: 'b/manifest.json', content: '{}' },
        { name: 'c/events.jsonl', content: '' },
      ],
      '"c/events.jsonl" (outside the bundle folder b/)',
    ],
    ['an odd name', [{ name: 'b/mani fest.json', content: '{}' }], '"b/mani fest.json" (a name a bundle never uses)'],
  ])('refuses %s and leaves nothing behind', async (_, entries, reason) => {
    expect(await refusal(await archive(entries))).toBe(`: refused archive entry ${reason}`);
  });

  it('refuses damaged, foreign and oversized archives', async () => {
    const good = tarOf([{ name: 'b/manifest.json', content: '{}' }]);
    const badChecksum = Buffer.from(good);
    badChecksum[0] ^= 0x01;
    const write = async (bytes: Buffer) => {
      const file = join(root, `d${count++}.tar.gz`);
      await writeFile(file, bytes);
      return file;
    };
    expect(await refusal(await write(gzipSync(badChecksum)))).toBe(' is gzip-compressed but not a tar archive');
    expect(await refusal(await write(gzipSync(good.subarray(0, 600))))).toBe(
      ' is a damaged tar archive (b/manifest.json is cut short)',
    );
    expect(await refusal(await archive([{ name: 'b/manifest.json', content: '{}' }], Buffer.from('extra')))).toBe(
      ' is a damaged tar archive (it has data after its end-of-archive marker)',
    );
    expect(await refusal(await write(gzipSync(good).subarray(0, 40)))).toBe(
      ' is a damaged gzip file (unexpected end of file)',
    );
    const many = Array.from({ length: ARCHIVE_LIMITS.entries + 1 }, (_, i) => ({ name: `b/f${i}`, content: '' }));
    expect(await refusal(await archive(many))).toBe(
      ` is a damaged tar archive (more than ${ARCHIVE_LIMITS.entries} entries)`,
    );
  });
});
