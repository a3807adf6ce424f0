#!/usr/bin/env node
// The installed `schoolrisk` command: runs the TypeScript CLI through tsx, passing arguments and exit code on.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const tsxCli = require.resolve('tsx/cli');
const main = path.join(__dirname, '..', 'src', 'cli', 'main.ts');
const run = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
