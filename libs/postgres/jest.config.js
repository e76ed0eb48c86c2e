const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'postgres', rootDir: __dirname };
