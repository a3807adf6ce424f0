/**
 * Nothing the analyst has is lost by writing an output: the register is never the output (by path,
 * symlink or hard link), a file appears whole or not at all (killed mid-write, the previous file is
 * still there), a second run on the same output is refused, and every write failure is one line.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { claimOutput, type OutputClaim } from '../../../src/cli/outputFile';
import { main } from '../../../src/cli/main';
import { XlsxPackage } from '../../../src/workbook/xlsx/zipPackage';

let dir: string;
const SAMPLE_XLSX = resolve('examples/sample-register.xlsx');
const SAMPLE_CSV = resolve('examples/sample-register.csv');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-out-'));
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

const categorise = (input: string, out: string) => run('categorise', input, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out);
/** Only the output (never a temporary file or a lock) is left in a folder. */
const leftovers = (folder: string) => readdirSync(folder).filter((f) => f.startsWith('.'));
const writeText = (claim: OutputClaim, text: string) => claim.write(async (s) => {
  const w = s.getWriter();
  await w.write(new TextEncoder().encode(text));
  await w.close();
});

describe('the register is never written', () => {
  it.each([
    ['.xlsx given as its own --out', SAMPLE_XLSX, 'reg.xlsx', (p: string) => p],
    ['.csv given as its own --out', SAMPLE_CSV, 'reg.csv', (p: string) => p],
    ['--out a symlink to the register', SAMPLE_XLSX, 'reg.xlsx', (p: string) => { const l = `${p}.link.xlsx`; symlinkSync(p, l); return l; }],
    ['--out a hard link to the register', SAMPLE_XLSX, 'reg.xlsx', (p: string) => { const l = `${p}.hard.xlsx`; linkSync(p, l); return l; }],
    ['--out the same file by another path', SAMPLE_CSV, 'reg.csv', (p: string) => join(p, '..', '.', 'reg.csv')],
  ])('%s: refused with one line, exit 1, the register byte for byte as it was', async (_what, source, name, target) => {
    const folder = mkdtempSync(join(dir, 'self-'));
    const register = join(folder, name);
    copyFileSync(source, register);
    const before = readFileSync(register);
    const mtime = statSync(register).mtimeMs;
    const r = await categorise(register, target(register));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^schoolrisk: --out ".*" is the register itself \(or a link to it\), and the register is never written\. Choose another name, for example ".*-categorised\.(xlsx|csv)"\.\n$/);
    expect(Buffer.compare(readFileSync(register), before)).toBe(0);
    expect(statSync(register).mtimeMs).toBe(mtime);
    expect(leftovers(folder)).toEqual([]);
  });
});

describe('every write failure is one line, before the work is done, and leaves nothing behind', () => {
  it('the target is a folder', async () => {
    const folder = join(dir, 'a-folder.xlsx');
    mkdirSync(folder);
    const r = await categorise(SAMPLE_XLSX, folder);
    expect([r.code, r.err]).toEqual([1, `schoolrisk: Cannot write "${folder}": that is a folder. Give a file name, for example "results.xlsx".\n`]);
  });

  it('part of the path is a file', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const r = await categorise(SAMPLE_XLSX, join(file, 'out.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^schoolrisk: Cannot write ".*plain-file\/out\.xlsx": part of that path is a file, not a folder\.\n$/);
  });

  it.each([
    ['ENOSPC', /the disk is full\. Free some space, or choose another disk, and run again; any earlier file of that name is unchanged\./],
    ['EACCES', /permission denied\. Choose a folder you can save in/],
    ['EBUSY', /the file is open in another program \(Excel\?\)\. Close it there and run again\./],
  ])('%s while writing: one line; the earlier output is unchanged; no temporary file or lock is left', async (code, message) => {
    const folder = mkdtempSync(join(dir, 'fail-'));
    const out = join(folder, 'results.xlsx');
    writeFileSync(out, 'the previous good results');
    let err = '';
    const failing = () => new WritableStream<Uint8Array>({
      write() {
        throw Object.assign(new Error(`${code}: injected`), { code });
      },
    });
    const { categoriseCommand } = await import('../../../src/cli/categorise');
    await categoriseCommand({ register: SAMPLE_XLSX, framework: 'oldham', asOf: fromIsoDate('2026-11-01')!, out, print: () => undefined, output: { openTemp: failing } }).catch((e: Error) => (err = e.message));
    expect(err).toMatch(message);
    expect(err).toContain(out);
    expect(readFileSync(out, 'utf8')).toBe('the previous good results');
    expect(leftovers(folder)).toEqual([]);
  });
});

describe('a file appears whole or not at all', () => {
  it('killed at any moment while writing, the previous results are still there, whole; the next run cleans up', async () => {
    const folder = mkdtempSync(join(dir, 'kill-'));
    const out = join(folder, 'results.xlsx');
    expect((await categorise(SAMPLE_XLSX, out)).code).toBe(0);
    const good = readFileSync(out);
    let killedWhileWriting = 0;
    // Killed as soon as its temporary file appears, and at moments after, up to its last write. (One
    // process: `tsx` as a loader, not tsx's own CLI, which runs the program in a child a kill would miss.)
    for (const after of [0, 10, 40, 100, 250]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'categorise', SAMPLE_XLSX, '-f', 'herefordshire', '--as-of', '2026-11-01', '-o', out], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      let done = false;
      void exited.then(() => (done = true));
      while (!done && !readdirSync(folder).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 2));
      if (!done) {
        await new Promise((r) => setTimeout(r, after));
        if (!done) killedWhileWriting++;
        child.kill('SIGKILL');
      }
      await exited;
      const now = readFileSync(out);
      // Either the old file, untouched, or a complete new one that opens as a workbook.
      if (Buffer.compare(now, good) !== 0) await (await XlsxPackage.open(new Uint8Array(now))).close();
    }
    expect(killedWhileWriting).toBeGreaterThan(0);
    // A killed run's lock does not block the next run, and its temporary file is cleared away.
    const next = await categorise(SAMPLE_XLSX, out);
    expect([next.code, next.err]).toEqual([0, '']);
    expect(leftovers(folder)).toEqual([]);
  }, 60_000);

  it('Ctrl-C while writing: the previous results stay, and no temporary file or lock is left', async () => {
    const folder = mkdtempSync(join(dir, 'int-'));
    const out = join(folder, 'results.xlsx');
    writeFileSync(out, 'previous');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'categorise', SAMPLE_XLSX, '-f', 'herefordshire', '--as-of', '2026-11-01', '-o', out], { stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    while (!readdirSync(folder).some((f) => f.endsWith('.schoolrisk-lock'))) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(leftovers(folder)).toEqual([]);
  }, 30_000);

  it('the output is renamed into place: a reader never sees a half-written file', async () => {
    const folder = mkdtempSync(join(dir, 'rename-'));
    const out = join(folder, 'results.csv');
    writeFileSync(out, 'old');
    const inodeBefore = statSync(out).ino;
    expect((await categorise(SAMPLE_CSV, out)).code).toBe(0);
    // A new file took the name (rename), rather than the old one being truncated and rewritten.
    expect(statSync(out).ino).not.toBe(inodeBefore);
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFFURN,/);
  });
});

describe('two runs on one output', () => {
  it('the second is refused while the first is writing, instead of one result being silently lost', async () => {
    const folder = mkdtempSync(join(dir, 'lock-'));
    const out = join(folder, 'results.xlsx');
    const first = await claimOutput(out, SAMPLE_XLSX);
    try {
      const r = await categorise(SAMPLE_XLSX, out);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`^schoolrisk: Cannot write ".*results\\.xlsx": another schoolrisk run \\(process ${process.pid}\\) is writing it\\. Wait for it to finish, or choose another --out\\.\\n$`));
      expect(existsSync(out)).toBe(false);
    } finally {
      await first.release();
    }
    expect((await categorise(SAMPLE_XLSX, out)).code).toBe(0);
  });

  it('a file another program wrote while the run worked is not replaced', async () => {
    const folder = mkdtempSync(join(dir, 'changed-'));
    const out = join(folder, 'results.json');
    const claim = await claimOutput(out, SAMPLE_CSV);
    writeFileSync(out, 'written by someone else meanwhile');
    await expect(writeText(claim, '{}')).rejects.toThrow(/another program changed or created it while this run was working\. Nothing was replaced; run again\./);
    expect(readFileSync(out, 'utf8')).toBe('written by someone else meanwhile');
    expect(leftovers(folder)).toEqual([]);
  });

  it('a file another program creates after the last check, as the new file is placed, is not replaced either', async () => {
    const folder = mkdtempSync(join(dir, 'raced-'));
    const out = join(folder, 'results.json');
    const claim = await claimOutput(out, SAMPLE_CSV, { beforePlacing: () => writeFileSync(out, 'created in the last moment') });
    await expect(writeText(claim, '{}')).rejects.toThrow(/another program changed or created it while this run was working\. Nothing was replaced; run again\./);
    expect(readFileSync(out, 'utf8')).toBe('created in the last moment');
    expect(leftovers(folder)).toEqual([]);
    // Where nothing races, the new file is placed whole and nothing else is left.
    const again = await claimOutput(out.replace('results', 'second'), SAMPLE_CSV);
    await writeText(again, '{"ok":true}');
    expect(readFileSync(out.replace('results', 'second'), 'utf8')).toBe('{"ok":true}');
    expect(leftovers(folder)).toEqual([]);
  });
});
