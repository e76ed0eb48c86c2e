const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'multi-node', rootDir: __dirname };
