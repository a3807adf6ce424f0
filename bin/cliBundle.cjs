// The command line as one bundle of its sources (esbuild), made on first use and kept in
// node_modules/.cache/schoolrisk under a hash of the sources it is made from: an edited source, another
// checkout or another esbuild gives another hash, so a bundle is never older than its sources. Running the
// bundle starts in about a tenth of the time tsx takes to compile each file, and runs the engine as the
// add-in ships it (one scope). `null` where no bundle can be made (no esbuild, a read-only folder): the
// caller then runs the sources through tsx.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
/**
 * What the command line is built from: its sources and the frameworks they import (test/bin.test.ts holds
 * every file esbuild reads to these folders), how they are compiled (tsconfig.json, this file's options),
 * and the dependencies' versions.
 */
const SOURCE_DIRS = ['src', 'core'];
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/;
const BUILD_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', path.join('bin', 'cliBundle.cjs')];
/** A bundle of other sources is removed once this old: a run that found it a moment ago may still be loading it. */
const STALE_MS = 60_000;

function sourceFiles(dir, found) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(p, found);
    else if (SOURCE_FILE.test(entry.name)) found.push(p);
  }
  return found;
}

/** A hash of every source file's path and bytes, the build's own files (BUILD_FILES) and esbuild's version. */
function sourcesHash(root, esbuildVersion) {
  const hash = crypto.createHash('sha256').update(`${esbuildVersion}\0${root}\0`);
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(root, d), [])).sort();
  // This file is hashed as the bin's own copy: a root made for a test has no bin folder, and builds with this code.
  for (const f of [...files, ...BUILD_FILES.map((b) => (b.startsWith('bin') ? path.join(ROOT, b) : path.join(root, b)))]) {
    hash.update(`${path.relative(root, f)}\0`);
    hash.update(fs.existsSync(f) ? fs.readFileSync(f) : '');
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** How the bundle is built (test/bin.test.ts builds it so too, to see every file esbuild reads). */
function buildOptions(root, outfile) {
  return {
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The dependencies stay in node_modules, loaded as the sources load them.
    packages: 'external',
    // The only `__dirname` the command line reads is src/cli's (test/bin.test.ts holds it to that).
    define: { __dirname: JSON.stringify(path.join(root, 'src', 'cli')) },
    outfile,
    // Beside the bundle, read only when a fault's stack is printed (src/cli/internalError.ts), so the stack
    // names the sources' files and lines and no run pays for it; the sources' text is left out.
    sourcemap: 'external',
    sourcesContent: false,
    logLevel: 'silent',
  };
}

/**
 * The bundle's path, made now if it is not there. Written to a temporary name and renamed, so a run
 * that stops half way, or two runs at once, never leave a partial bundle under the final name.
 */
function cliBundle(root = ROOT) {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return null;
  }
  try {
    const dir = path.join(root, 'node_modules', '.cache', 'schoolrisk');
    const file = path.join(dir, `cli-${sourcesHash(root, esbuild.version)}.cjs`);
    if (fs.existsSync(file) && fs.existsSync(`${file}.map`)) return file;
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      esbuild.buildSync(buildOptions(root, temporary));
      // The map first: a bundle under its final name always has its map.
      fs.renameSync(`${temporary}.map`, `${file}.map`);
      fs.renameSync(temporary, file);
    } finally {
      fs.rmSync(temporary, { force: true });
      fs.rmSync(`${temporary}.map`, { force: true });
    }
    // Bundles of earlier sources (and a stopped build's leftovers) are not needed again, once no run can still be loading them.
    const now = Date.now();
    for (const old of fs.readdirSync(dir)) {
      const p = path.join(dir, old);
      if (p !== file && /^cli-[0-9a-f]{16}\.cjs(\.\d+\.tmp)?(\.map)?$/.test(old) && now - fs.statSync(p).mtimeMs > STALE_MS) fs.rmSync(p, { force: true });
    }
    return file;
  } catch {
    return null;
  }
}

module.exports = { cliBundle, sourcesHash, buildOptions, SOURCE_DIRS, SOURCE_FILE, STALE_MS };
