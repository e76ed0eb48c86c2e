const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'evidence', rootDir: __dirname };
