// Jest loads reporters with a plain require, without the TypeScript transform its test files get.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./src/progressReporter.ts', __filename).ProgressReporter;
