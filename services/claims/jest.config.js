const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'claims', rootDir: __dirname };
