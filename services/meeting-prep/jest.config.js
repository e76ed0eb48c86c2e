const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'meeting-prep', rootDir: __dirname };
