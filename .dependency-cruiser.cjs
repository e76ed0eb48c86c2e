// The workspace's import boundaries, checked by `npm run check:boundaries` and in CI.
//
//   tools    → services, libs, contracts
//   services → libs, contracts (never another service)
//   libs     → libs, contracts
//   contracts→ nothing in the workspace
//
// A package is a workspace folder: `contracts`, `libs/<name>`, `services/<name>`, `tools/<name>`.
// Another package is reached only through its public entry points (see `publicEntries` below),
// by its `@ledger/<name>` specifier, never by a relative path out of one's own folder.
//
// There are no exceptions: `npm run check:boundaries` runs without a known-violations baseline,
// so any import that breaks a rule fails it.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
const PACKAGE = '(contracts|(?:libs|services|tools)/[^/]+)';

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function workspacePackages() {
  const folders = ['contracts'];
  for (const group of ['libs', 'services', 'tools']) {
    for (const name of fs.readdirSync(path.join(ROOT, group))) {
      if (fs.existsSync(path.join(ROOT, group, name, 'package.json'))) folders.push(`${group}/${name}`);
    }
  }
  return folders.map((folder) => ({
    folder,
    manifest: JSON.parse(fs.readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8')),
  }));
}

function exportTargets(exportsField) {
  if (typeof exportsField === 'string') return [exportsField];
  if (exportsField === null || typeof exportsField !== 'object') return [];
  return Object.values(exportsField).flatMap(exportTargets);
}

// The files another package may import: the targets of its `package.json` `exports`, which every
// package declares. The list is read, not written here, so a new entry point is declared once,
// where Node, Jest and tsx see it; a package without `exports` offers nothing to import.
function publicEntries() {
  const entries = [];
  for (const { folder, manifest } of workspacePackages()) {
    entries.push(...exportTargets(manifest.exports).map((file) => path.posix.normalize(`${folder}/${file}`)));
  }
  return [...new Set(entries)];
}

const PUBLIC_ENTRY = `^(${publicEntries().map(escapeRegExp).join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'libs-not-to-services',
      comment: 'A library serves every service; depending on one would turn it into part of that service.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'libs-not-to-tools',
      comment: 'Tools (mains, CLIs, deployment) sit above the libraries; a library importing one inverts the layering.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^tools/' },
    },
    {
      name: 'services-not-to-services',
      comment: 'Services integrate through events and contracts only, so each can run and deploy alone.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'services-not-to-tools',
      comment: 'A service may import only libs/* and contracts; tools host services, not the reverse.',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^tools/' },
    },
    {
      name: 'contracts-only-contracts',
      comment: 'The published contracts stand alone: they import no workspace package.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(libs|services|tools)/' },
    },
    {
      name: 'no-deep-imports',
      comment:
        'Another package is imported through its public entry points (`@ledger/<name>` or a declared subpath such as `@ledger/<name>/testing`), never its internals (`@ledger/<name>/src/...`).',
      severity: 'error',
      from: { path: `^${PACKAGE}/` },
      to: {
        path: `^${PACKAGE}/`,
        pathNot: [`^$1/`, PUBLIC_ENTRY],
        // Bare specifiers only: a workspace package reached through tsconfig paths is `aliased`,
        // through its node_modules link `undetermined` (or an npm type once it has a manifest
        // entry). A relative path out of the package is no-relative-cross-package's.
        dependencyTypes: ['aliased', 'undetermined', 'npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'],
      },
    },
    {
      name: 'no-deep-imports',
      comment:
        "Past a package's `exports` a deep import does not resolve at all (Node, Jest and tsx refuse it); it is the same violation, reported by the specifier.",
      severity: 'error',
      from: { path: `^${PACKAGE}/` },
      to: { couldNotResolve: true, path: '^@ledger/[^/]+/.' },
    },
    {
      name: 'no-relative-cross-package',
      comment:
        'A relative import stays inside its package; other packages are reached by their `@ledger/<name>` specifier.',
      severity: 'error',
      // Jest configs extend the root preset by design; they are configuration, not package code.
      from: { path: `^${PACKAGE}/`, pathNot: '/jest\\.config\\.js$' },
      // Specifiers resolved through tsconfig paths are typed `local` too, and also `aliased`.
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], pathNot: '^$1/' },
    },
    {
      name: 'verifier-core-platform-neutral',
      comment:
        "The bundle checks run in Node and, bundled into the examiner's HTML page, in a browser: crypto and files come in through their interfaces, never from Node's modules or a package.",
      severity: 'error',
      from: { path: '^tools/ledger-verify/src/(core|browser)/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'aliased', 'undetermined'] },
    },
    {
      name: 'no-circular',
      comment: 'Packages form a layered graph: no import cycle passes through two packages.',
      severity: 'error',
      from: { path: `^${PACKAGE}/` },
      // Some module of the cycle lies outside the importing package.
      to: { circular: true, via: { path: '^(?!$1/)' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^tools/kafka-test-broker/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      extensions: ['.ts', '.cjs', '.mjs', '.js', '.json'],
      mainFields: ['main', 'types'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
