const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'audit', rootDir: __dirname };
