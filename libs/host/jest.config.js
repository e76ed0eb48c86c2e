const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'host', rootDir: __dirname };
