#!/usr/bin/env node
// Entry point for `ledger-verify`: the sources are TypeScript, loaded through tsx. The verifier
// itself needs nothing but Node's own modules.
require('tsx/cjs');
require('../src/main.ts');
