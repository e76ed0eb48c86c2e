const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'single-node', rootDir: __dirname };
