const preset = require('../../jest.preset.js');

module.exports = { ...preset, displayName: 'drills', rootDir: __dirname };
