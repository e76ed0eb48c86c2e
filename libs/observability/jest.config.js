const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'observability', rootDir: __dirname };
