#!/usr/bin/env node
// The `schoolrisk` command: runs the command line from its bundle (bin/cliBundle.cjs) in this process,
// or, where no bundle can be made, the TypeScript sources through tsx, passing arguments and exit code on.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { cliBundle } = require('./cliBundle.cjs');

/** The bundle's module; `null` for a bundle another run removed a moment ago, or one that does not load: the sources through tsx instead. */
function loaded(bundlePath) {
  try {
    return bundlePath ? require(bundlePath) : null;
  } catch {
    return null;
  }
}

// SCHOOLRISK_NO_BUNDLE=1 (or true) runs the sources through tsx; 0, false or unset, the bundle.
const noBundle = /^(1|true|yes)$/i.test(process.env.SCHOOLRISK_NO_BUNDLE ?? '');
const bundle = loaded(noBundle ? null : cliBundle());
if (bundle) {
  bundle.runAsCommand(process.argv.slice(2));
} else {
  const tsxCli = require.resolve('tsx/cli');
  const main = path.join(__dirname, '..', 'src', 'cli', 'main.ts');
  const run = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
