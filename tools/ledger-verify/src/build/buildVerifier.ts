import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const PACKAGE_DIR = join(__dirname, '..', '..');
const WORKSPACE = join(PACKAGE_DIR, '..', '..');
const BROWSER = join(__dirname, '..', 'browser');

export interface BuiltVerifier {
  version: string;
  /** `ledger-verifier-<version>.html` */
  fileName: string;
  html: string;
  /** Lower-case hex SHA-256 of the HTML's UTF-8 bytes: what the docs and each bundle's README name. */
  sha256: string;
}

const sha256 = (text: string, encoding: 'hex' | 'base64') => createHash('sha256').update(text, 'utf8').digest(encoding);

/**
 * Builds the examiner's verifier: one HTML file holding the shared checks (`src/core`) and the
 * page (`src/browser`) as inline script and style, allowed by their hashes in its CSP and nothing
 * else, so it can make no request. Deterministic: the same sources give the same bytes, so its
 * published SHA-256 can be checked against a fresh build.
 */
export async function buildVerifier(): Promise<BuiltVerifier> {
  const { version } = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const bundled = await build({
    entryPoints: [join(BROWSER, 'page.ts')],
    absWorkingDir: WORKSPACE,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = bundled.outputFiles[0].text;
  // Either would end the inline element early; the sources have neither.
  if (/<\/script|<!--/i.test(script)) throw new Error('the bundled script contains "</script" or "<!--"');
  const style = await readFile(join(BROWSER, 'page.css'), 'utf8');
  const template = await readFile(join(BROWSER, 'page.html'), 'utf8');
  for (const name of ['CSP', 'VERSION', 'STYLE', 'SCRIPT']) {
    if (!template.includes(`{{${name}}}`)) throw new Error(`page.html has lost its {{${name}}} placeholder`);
  }
  const fill: Record<string, string> = { VERSION: version, STYLE: style, SCRIPT: script };
  const filled = template.replace(/\{\{(VERSION|STYLE|SCRIPT)\}\}/g, (_, name: string) => fill[name]);
  // The CSP allows exactly the inline elements' text, whitespace around the filled-in part included.
  const inline = (tag: string) => {
    const found = [...filled.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))];
    if (found.length !== 1) throw new Error(`page.html must hold exactly one <${tag}> element`);
    return `'sha256-${sha256(found[0][1], 'base64')}'`;
  };
  const csp = [
    "default-src 'none'",
    `script-src ${inline('script')}`,
    `style-src ${inline('style')}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const html = filled.replace('{{CSP}}', csp);
  return { version, fileName: `ledger-verifier-${version}.html`, html, sha256: sha256(html, 'hex') };
}
