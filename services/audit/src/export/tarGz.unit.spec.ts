import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { tarGzStream } from './tarGz';

describe('tarGzStream', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'audit-tar-'));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes an archive the system tar unpacks to the same bytes, then runs the cleanup', async () => {
    const source = join(root, 'source');
    await mkdir(source);
    const files: Record<string, Buffer> = {
      'empty.txt': Buffer.alloc(0),
      'block.bin': Buffer.alloc(512, 7),
      'odd.jsonl': Buffer.from('{"a":"é"}\n'.repeat(300), 'utf8'),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(source, name), bytes);
    let cleaned = false;
    const archive = join(root, 'out.tar.gz');
    await pipeline(
      tarGzStream(source, Object.keys(files), {
        root: 'bundle-1',
        cleanup: async () => {
          cleaned = true;
        },
      }),
      createWriteStream(archive),
    );

    const unpacked = join(root, 'unpacked');
    await mkdir(unpacked);
    execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
    for (const [name, bytes] of Object.entries(files)) {
      expect(await readFile(join(unpacked, 'bundle-1', name))).toEqual(bytes);
    }
    expect(cleaned).toBe(true);
  });

  it('fails the stream (and still cleans up) when a file is missing', async () => {
    let cleaned = false;
    const stream = tarGzStream(root, ['missing.txt'], {
      root: 'x',
      cleanup: async () => {
        cleaned = true;
      },
    });
    await expect(pipeline(stream, createWriteStream(join(root, 'broken.tar.gz')))).rejects.toThrow(/ENOENT/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cleaned).toBe(true);
    await expect(access(join(root, 'broken.tar.gz'))).resolves.toBeUndefined();
  });
});
