import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * The import rules of .dependency-cruiser.cjs, run as CI runs them: the dependency-cruiser
 * command on the real config. Each planted violation goes into a small workspace laid out like
 * this one (contracts, libs/*, services/*, tools/*, tsconfig paths, node_modules links); the
 * real tree is checked with no exception at all.
 */

const ROOT = join(__dirname, '..', '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = '.dependency-cruiser.cjs';

const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface Cruise {
  code: number;
  violations: Violation[];
}

/**
 * Runs the check with the `err` reporter, as CI does: its exit status is the number of errors. A
 * cycle is printed over several lines; its first step is the `to` read here.
 */
function cruise(cwd: string, args: readonly string[]): Promise<Cruise> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DEPCRUISE, ...args, '--config', CONFIG, '--output-type', 'err'],
      // Nx runs tasks with FORCE_COLOR set; the reporter's lines are parsed, so colour stays off.
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
      (error, rawStdout, stderr) => {
        if (stderr.includes('ERROR')) return reject(new Error(`dependency-cruiser did not run: ${stderr}`));
        const stdout = rawStdout.replace(ANSI_ESCAPE, '');
        const violations = [...stdout.matchAll(/^\s*error (\S+): (\S+) →\s*(\S+)/gm)].map(([, rule, from, to]) => ({
          rule,
          from,
          to,
        }));
        resolve({ code: error ? Number(error.code) : 0, violations });
      },
    );
  });
}

/** The packages of the planted workspace and their files: each imports only what the rules allow. */
const CLEAN: Record<string, string> = {
  'contracts/package.json': manifest('contracts', { '.': './src/index.ts' }),
  'contracts/src/index.ts': "export const CONTRACT = 'v1';\n",
  'libs/alpha/package.json': manifest('alpha', { '.': './src/index.ts', './testing': './testing.ts' }),
  'libs/alpha/src/index.ts':
    "import { CONTRACT } from '@ledger/contracts';\nexport { internal } from './internal';\nexport const ALPHA = CONTRACT;\n",
  'libs/alpha/src/internal.ts': "export const internal = 'alpha';\n",
  'libs/alpha/testing.ts': "export const fixture = 'alpha';\n",
  'libs/beta/package.json': manifest('beta', { '.': './src/index.ts' }),
  'libs/beta/src/index.ts': "import { ALPHA } from '@ledger/alpha';\nexport const BETA = ALPHA;\n",
  'services/one/package.json': manifest('one', { '.': './src/index.ts' }),
  'services/one/src/index.ts': "import { BETA } from '@ledger/beta';\nexport const ONE = BETA;\n",
  'services/one/src/one.spec.ts': "import { fixture } from '@ledger/alpha/testing';\nexport const used = fixture;\n",
  'services/two/package.json': manifest('two', { '.': './src/index.ts' }),
  'services/two/src/index.ts': "import { ALPHA } from '@ledger/alpha';\nexport const TWO = ALPHA;\n",
  'tools/runner/package.json': manifest('runner', { '.': './src/main.ts' }),
  'tools/runner/src/main.ts':
    "import { ONE } from '@ledger/one';\nimport { TWO } from '@ledger/two';\nexport const BOTH = [ONE, TWO];\n",
  'tsconfig.base.json': JSON.stringify({
    compilerOptions: {
      module: 'commonjs',
      moduleResolution: 'node',
      baseUrl: '.',
      paths: { '@ledger/alpha': ['libs/alpha/src/index.ts'] },
    },
  }),
};

function manifest(name: string, exports: Record<string, string>): string {
  return JSON.stringify({ name: `@ledger/${name}`, version: '0.0.0', private: true, main: exports['.'], exports });
}

/** A fresh planted workspace with the real config, plus `planted` files. */
async function workspace(planted: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'boundaries-'));
  for (const [file, text] of Object.entries({ ...CLEAN, ...planted })) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  await copyFile(join(ROOT, CONFIG), join(dir, CONFIG));
  await mkdir(join(dir, 'node_modules', '@ledger'), { recursive: true });
  for (const [name, folder] of [
    ['contracts', 'contracts'],
    ['alpha', 'libs/alpha'],
    ['beta', 'libs/beta'],
    ['one', 'services/one'],
    ['two', 'services/two'],
    ['runner', 'tools/runner'],
  ]) {
    await symlink(join(dir, folder), join(dir, 'node_modules', '@ledger', name), 'dir');
  }
  return dir;
}

const created: string[] = [];
async function cruisePlanted(planted: Record<string, string>): Promise<Cruise> {
  const dir = await workspace(planted);
  created.push(dir);
  return cruise(dir, ['contracts', 'libs', 'services', 'tools']);
}

const rulesOf = (result: Cruise) => [...new Set(result.violations.map((violation) => violation.rule))].sort();

describe('the boundary rules (.dependency-cruiser.cjs)', () => {
  afterAll(async () => {
    await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('pass a workspace that imports only through public entry points, `testing` included', async () => {
    const result = await cruisePlanted({});
    expect(result).toEqual({ code: 0, violations: [] });
  });

  it.each([
    [
      'a library importing a service',
      'libs-not-to-services',
      { 'libs/beta/src/planted.ts': "import { ONE } from '@ledger/one';\nexport const x = ONE;\n" },
    ],
    [
      'a library importing a tool',
      'libs-not-to-tools',
      { 'libs/beta/src/planted.ts': "import { BOTH } from '@ledger/runner';\nexport const x = BOTH;\n" },
    ],
    [
      'a service importing another service',
      'services-not-to-services',
      { 'services/one/src/planted.ts': "import { TWO } from '@ledger/two';\nexport const x = TWO;\n" },
    ],
    [
      'a service importing a tool',
      'services-not-to-tools',
      { 'services/one/src/planted.ts': "import { BOTH } from '@ledger/runner';\nexport const x = BOTH;\n" },
    ],
    [
      'contracts importing a library',
      'contracts-only-contracts',
      { 'contracts/src/planted.ts': "import { ALPHA } from '@ledger/alpha';\nexport const x = ALPHA;\n" },
    ],
    [
      'a deep import through tsconfig paths',
      'no-deep-imports',
      {
        'libs/beta/src/planted.ts':
          "import { internal } from '@ledger/alpha/src/internal';\nexport const x = internal;\n",
      },
    ],
    [
      'a deep import through the node_modules link',
      'no-deep-imports',
      { 'tools/runner/src/planted.ts': "import { TWO } from '@ledger/two/src/index';\nexport const x = TWO;\n" },
    ],
    [
      'a relative import out of the package',
      'no-relative-cross-package',
      {
        'services/one/src/planted.ts':
          "import { ALPHA } from '../../../libs/alpha/src/index';\nexport const x = ALPHA;\n",
      },
    ],
    [
      'an import cycle between two libraries',
      'no-circular',
      {
        'libs/alpha/src/index.ts':
          "import { BETA } from '@ledger/beta';\nexport const ALPHA = 'a';\nexport const AGAIN = BETA;\n",
      },
    ],
  ])('fail on %s, naming %s', async (_case, rule, planted) => {
    const result = await cruisePlanted(planted);
    expect(result.code).not.toBe(0);
    expect(rulesOf(result)).toEqual([rule]);
    expect(
      result.violations.every((violation) => Object.keys(planted).includes(violation.from) || rule === 'no-circular'),
    ).toBe(true);
  });

  it('pass the real tree', async () => {
    const result = await cruise(ROOT, ['contracts', 'libs', 'services', 'tools']);
    expect(result).toEqual({ code: 0, violations: [] });
  });

  it('are checked with no known-violations baseline: npm run check:boundaries ignores nothing', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const check = manifest.scripts['check:boundaries'];
    expect(check).toContain(`--config ${CONFIG}`);
    expect(check).not.toContain('--ignore-known');
    expect(existsSync(join(ROOT, '.dependency-cruiser-known-violations.json'))).toBe(false);
  });

  it("read every package's entry points from its `exports`, which every package declares", async () => {
    const folders = ['contracts'];
    for (const group of ['libs', 'services', 'tools']) {
      for (const name of await readdir(join(ROOT, group))) {
        if (existsSync(join(ROOT, group, name, 'package.json'))) folders.push(`${group}/${name}`);
      }
    }
    expect(folders).toEqual(expect.arrayContaining(['libs/host', 'tools/registry']));
    const withoutExports: string[] = [];
    for (const folder of folders) {
      const manifest = JSON.parse(await readFile(join(ROOT, folder, 'package.json'), 'utf8')) as { exports?: unknown };
      if (manifest.exports === undefined) withoutExports.push(folder);
    }
    expect(withoutExports).toEqual([]);
  });
});
