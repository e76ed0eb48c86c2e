const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'boundaries', rootDir: __dirname };
