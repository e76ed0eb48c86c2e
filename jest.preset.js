// Shared Jest settings: SWC transpiles TypeScript (type checking is `npm run typecheck`),
// one embedded PostgreSQL server per run unless TEST_DATABASE_URL names one, and a progress line
// per finished suite next to Jest's own report (tools/jest-progress).
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022', transform: { legacyDecorator: true, decoratorMetadata: true } } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/*.spec.ts'],
  globalSetup: path.join(__dirname, 'libs/postgres/src/testing/jest-global-setup.ts'),
  globalTeardown: path.join(__dirname, 'libs/postgres/src/testing/jest-global-teardown.ts'),
  testTimeout: 60000,
  reporters: ['default', path.join(__dirname, 'tools/jest-progress/reporter.cjs')],
};
