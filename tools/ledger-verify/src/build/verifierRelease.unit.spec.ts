import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMINER_VERIFIER } from '@ledger/audit';
import { buildVerifier, type BuiltVerifier } from './buildVerifier';

const WORKSPACE = join(__dirname, '..', '..', '..', '..');
// When these fail after a change to the verifier's sources: raise the version in
// tools/ledger-verify/package.json, run `npm run build:verifier`, commit outputs/verifier/, and
// update the table in docs/compliance.md and EXAMINER_VERIFIER (services/audit).

describe("the published examiner's verifier is the one the sources build", () => {
  let built: BuiltVerifier;

  beforeAll(async () => {
    built = await buildVerifier();
  });

  it('builds deterministically: the same sources give the same bytes', async () => {
    const again = await buildVerifier();
    expect(again.sha256).toBe(built.sha256);
    expect(again.html).toBe(built.html);
  });

  it("is named, with its SHA-256, by docs/compliance.md and each bundle's README", async () => {
    const published = { version: built.version, fileName: built.fileName, sha256: built.sha256 };
    expect(EXAMINER_VERIFIER).toEqual(published);
    const docs = await readFile(join(WORKSPACE, 'docs', 'compliance.md'), 'utf8');
    const row = docs.split('\n').find((line) => line.includes(`\`${built.fileName}\``));
    expect(row).toContain(`\`${built.sha256}\``);
  });

  it('is committed in outputs/verifier with its .sha256 as built', async () => {
    const file = join(WORKSPACE, 'outputs', 'verifier', built.fileName);
    const committed = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    expect(committed).toBe(built.sha256);
    expect(await readFile(`${file}.sha256`, 'utf8')).toBe(`${built.sha256}  ${built.fileName}\n`);
  });

  it('holds its script and style inline, allowed by their hashes alone, and loads nothing', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(built.html)?.[1] ?? '';
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      expect.stringMatching(/^script-src 'sha256-[A-Za-z0-9+/]{43}='$/),
      expect.stringMatching(/^style-src 'sha256-[A-Za-z0-9+/]{43}='$/),
      "form-action 'none'",
      "base-uri 'none'",
    ]);
    expect(built.html).not.toMatch(/\b(src|href)=/);
    expect(built.html).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|importScripts)\b/);
  });
});
