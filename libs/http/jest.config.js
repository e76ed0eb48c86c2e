const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'http', rootDir: __dirname };
