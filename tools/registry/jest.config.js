const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'registry', rootDir: __dirname };
