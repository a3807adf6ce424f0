/**
 * The `schoolrisk` command as the analyst runs it (bin/schoolrisk.cjs): from its bundle (bin/cliBundle.cjs),
 * made from the sources on first use and made again when a source changes; through tsx where no bundle can
 * be made. The command line's own behaviour is tested in test/src/cli against its sources.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';

const ROOT = resolve('.');
const BIN = join(ROOT, 'bin', 'schoolrisk.cjs');
const SAMPLE_XLSX = join(ROOT, 'examples', 'sample-register.xlsx');
const SAMPLE_CSV = join(ROOT, 'examples', 'sample-register.csv');
const { cliBundle, sourcesHash, buildOptions, SOURCE_DIRS, SOURCE_FILE, STALE_MS } = createRequire(import.meta.url)('../bin/cliBundle.cjs') as {
  cliBundle: (root?: string) => string | null;
  sourcesHash: (root: string, esbuildVersion: string) => string;
  buildOptions: (root: string, outfile: string) => object;
  SOURCE_DIRS: readonly string[];
  SOURCE_FILE: RegExp;
  STALE_MS: number;
};
const esbuild = createRequire(import.meta.url)('esbuild') as { version: string; buildSync: (o: object) => { metafile?: { inputs: Record<string, unknown> } } };

function bin(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function inProcess(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

/** A results file without the moment it was written. */
const withoutTime = (path: string) => readFileSync(path, 'utf8').replace(/"(ranAt|generatedAt|writtenAt)": "[^"]*"/g, '');

function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFilesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('schoolrisk, as installed', () => {
  it('runs from a bundle of the sources, and says what the sources say', async () => {
    const bundle = cliBundle();
    expect(bundle).not.toBeNull();
    expect(relative(ROOT, bundle!)).toMatch(/^node_modules\/\.cache\/schoolrisk\/cli-[0-9a-f]{16}\.cjs$/);
    const listed = bin(['frameworks']);
    expect(listed.code).toBe(0);
    expect(listed.out).toBe((await inProcess(['frameworks'])).out);

    const dir = mkdtempSync(join(tmpdir(), 'schoolrisk-bin-'));
    const viaBin = bin(['categorise', SAMPLE_CSV, '--framework', 'southwark', '--as-of', '2026-11-01', '--out', join(dir, 'bin.json')]);
    const viaSources = await inProcess(['categorise', SAMPLE_CSV, '--framework', 'southwark', '--as-of', '2026-11-01', '--out', join(dir, 'sources.json')]);
    expect([viaBin.code, viaBin.err]).toEqual([0, '']);
    expect(viaBin.out.replace('bin.json', 'X')).toBe(viaSources.out.replace('sources.json', 'X'));
    expect(withoutTime(join(dir, 'bin.json'))).toBe(withoutTime(join(dir, 'sources.json')));

    // A framework file checked against the schema and the built-ins' cases: the paths the bundle is given for src/cli.
    const checked = bin(['framework', 'check', join(ROOT, 'core', 'frameworks', 'herefordshire.json')]);
    expect(checked.code).toBe(0);
    expect(checked.out).toBe((await inProcess(['framework', 'check', join(ROOT, 'core', 'frameworks', 'herefordshire.json')])).out);

    // A mistake is told as the sources tell it, with the same exit code.
    const wrong = bin(['categorise', join(dir, 'no-such.xlsx'), '--framework', 'southwark']);
    const wrongSources = await inProcess(['categorise', join(dir, 'no-such.xlsx'), '--framework', 'southwark']);
    expect([wrong.code, wrong.err]).toEqual([wrongSources.code, wrongSources.err]);
  }, 60_000);

  it('hashes every file esbuild reads to make the bundle: each is a source of a hashed folder and kind', () => {
    const { metafile } = esbuild.buildSync({ ...buildOptions(ROOT, join(tmpdir(), 'schoolrisk-meta.cjs')), metafile: true, write: false });
    const inputs = Object.keys(metafile!.inputs);
    expect(inputs.length).toBeGreaterThan(50);
    const unhashed = inputs.filter((f) => !(SOURCE_DIRS.some((d) => f.startsWith(`${d}/`)) && SOURCE_FILE.test(f)));
    expect(unhashed).toEqual([]);
  });

  it('reads __dirname only in src/cli, the one folder the bundle is told it for', () => {
    const users = ['src', 'core', 'functions', 'taskpane'].flatMap((d) => sourceFilesUnder(join(ROOT, d))).filter((f) => /\b__dirname\b/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => relative(ROOT, f))).toEqual(['src/cli/framework.ts']);
  });

  it('makes a new bundle when a source changes, and drops the old one', () => {
    const root = mkdtempSync(join(tmpdir(), 'schoolrisk-root-'));
    for (const d of ['src', 'core']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(root, f));
    const version = esbuild.version;
    const before = sourcesHash(root, version);
    const first = cliBundle(root);
    expect(first).toBe(join(root, 'node_modules', '.cache', 'schoolrisk', `cli-${before}.cjs`));
    expect(cliBundle(root)).toBe(first);
    // Its source map beside it, read only when a fault's stack is printed (src/cli/internalError.ts).
    expect(existsSync(`${first}.map`)).toBe(true);

    const edited = join(root, 'src', 'cli', 'categorise.ts');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('Results written to', 'Results now written to'));
    const after = sourcesHash(root, version);
    expect(after).not.toBe(before);
    const second = cliBundle(root);
    expect(second).toBe(join(root, 'node_modules', '.cache', 'schoolrisk', `cli-${after}.cjs`));
    expect(readFileSync(second!, 'utf8')).toContain('Results now written to');
    // The old bundle stays a while (a run that found it may still be loading it), then goes with the next build.
    expect(existsSync(first!)).toBe(true);
    const old = new Date(Date.now() - 2 * STALE_MS);
    utimesSync(first!, old, old);
    const tsconfig = join(root, 'tsconfig.json');
    writeFileSync(tsconfig, `${readFileSync(tsconfig, 'utf8')}\n`);
    // How the sources are compiled is hashed too, and another esbuild is another bundle.
    expect(sourcesHash(root, version)).not.toBe(after);
    const third = cliBundle(root);
    expect([existsSync(first!), existsSync(second!), existsSync(third!)]).toEqual([false, true, true]);
    expect(sourcesHash(root, `${version}-other`)).not.toBe(sourcesHash(root, version));
  }, 60_000);

  it('a fault of ours stops the run with exit 70, says the register is safe, and gives a stack that names the sources\' lines', async () => {
    const bundle = createRequire(import.meta.url)(cliBundle()!) as { main: typeof main; runAsCommand: (argv: string[], run: typeof main) => Promise<void> };
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((text: string) => written.push(text) > 0) as typeof process.stderr.write;
    try {
      // A writer that is no function: the command's own code fails inside the bundle, as a fault of ours would.
      await bundle.runAsCommand(['frameworks'], (argv) => bundle.main(argv, 5 as never));
      expect(process.exitCode).toBe(70);
    } finally {
      process.stderr.write = write;
      process.exitCode = undefined;
    }
    const text = written.join('');
    expect(text).toMatch(/^schoolrisk: an internal error stopped the run: out is not a function\nYour register was only read, and no output was left half written/);
    expect(text).toMatch(/\(.*src\/cli\/main\.ts:\d+:\d+\)/);
    expect(text).not.toMatch(/cli-[0-9a-f]{16}\.cjs:\d+/);
  });

  it('runs the sources through tsx where no bundle is to be had, with the same answers and exit codes', () => {
    const listed = bin(['frameworks'], { SCHOOLRISK_NO_BUNDLE: '1' });
    expect([listed.code, listed.out]).toEqual([0, bin(['frameworks']).out]);
    const wrong = bin(['categorise'], { SCHOOLRISK_NO_BUNDLE: '1' });
    expect(wrong.code).toBe(bin(['categorise']).code);
    expect(wrong.code).not.toBe(0);
  }, 60_000);

  it('Ctrl-C while writing: the previous results stay, and no temporary file or lock is left', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'schoolrisk-int-'));
    const out = join(folder, 'results.xlsx');
    writeFileSync(out, 'previous');
    cliBundle();
    // SCHOOLRISK_NO_BUNDLE=0 is not a request for the sources: the bundle runs, and only it exits 130 here (tsx's spawn would not).
    const child = spawn(process.execPath, [BIN, 'categorise', SAMPLE_XLSX, '-f', 'herefordshire', '--as-of', '2026-11-01', '-o', out], { stdio: 'ignore', env: { ...process.env, SCHOOLRISK_NO_BUNDLE: '0' } });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let ended = false;
    void exited.then(() => (ended = true));
    while (!ended && !readdirSync(folder).some((f) => f.endsWith('.schoolrisk-lock'))) await new Promise((r) => setTimeout(r, 2));
    expect(ended, 'the run ended before its lock was seen').toBe(false);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 30_000);
});
