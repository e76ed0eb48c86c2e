const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'bus', rootDir: __dirname };
