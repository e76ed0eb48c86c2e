const preset = require('../../jest.preset.js');

// The reporter's own tests need no database; the suite that runs another project's Jest starts
// that project's server in its own process.
module.exports = {
  ...preset,
  displayName: 'jest-progress',
  rootDir: __dirname,
  globalSetup: undefined,
  globalTeardown: undefined,
};
