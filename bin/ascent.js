#!/usr/bin/env node
// The installed `ascent` command runs the compiled CLI (`npm run build` writes dist/).
await import('../dist/cli/bin.js');
