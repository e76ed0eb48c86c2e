const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'ledger-cli', rootDir: __dirname };
