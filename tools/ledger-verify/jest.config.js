const preset = require('../../jest.preset.js');

// The verifier itself needs no database; its tests export real bundles from one.
module.exports = { ...preset, displayName: 'ledger-verify', rootDir: __dirname };
