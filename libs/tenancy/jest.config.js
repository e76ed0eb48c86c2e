const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'tenancy', rootDir: __dirname };
