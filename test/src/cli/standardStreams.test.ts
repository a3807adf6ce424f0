/**
 * The `schoolrisk` bin with its output piped to a reader that has gone (`schoolrisk frameworks | head -1`):
 * the read end of the pipe is closed before the command writes, so every write meets EPIPE.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { readSheetGrid } from '../../../src/workbook/readFile';

const BIN = resolve('bin', 'schoolrisk.cjs');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-pipe-'));
});

/** Runs the bin with stdout (and stderr, if asked) a pipe whose reader has gone; what reached stderr and the exit code. */
function withClosedPipe(args: string[], closed: 'stdout' | 'stdout and stderr', env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout.destroy();
  if (closed === 'stdout and stderr') child.stderr.destroy();
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, err })));
}

async function inProcess(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, () => undefined, (t) => (err += t));
  return { code, err };
}

describe('a reader that stops early', () => {
  it('frameworks: no stack trace, nothing on stderr, exit 0; from the bundle and through tsx', async () => {
    expect(await withClosedPipe(['frameworks'], 'stdout')).toEqual({ code: 0, err: '' });
    expect(await withClosedPipe(['frameworks'], 'stdout', { SCHOOLRISK_NO_BUNDLE: '1' })).toEqual({ code: 0, err: '' });
  });

  it('validate: its own message and its own exit code (1: a register no framework can run), no stack trace', async () => {
    const thin = join(dir, 'thin.csv');
    writeFileSync(thin, 'URN,School name,Phase\n100001,Ashby,Primary\n');
    const args = ['validate', thin, '--as-of', '2026-11-01'];
    const expected = await inProcess(args);
    expect(expected.code).toBe(1);
    expect(await withClosedPipe(args, 'stdout')).toEqual(expected);
  });

  it('categorise with stdout and stderr both gone: runs to its end, the workbook written whole, exit 0', async () => {
    const out = join(dir, 'categorised.xlsx');
    const r = await withClosedPipe(['categorise', 'examples/sample-register.xlsx', '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out], 'stdout and stderr');
    expect(r.code).toBe(0);
    const values = (await readSheetGrid(out)).values;
    expect(values[0]).toContain('Category');
    expect(values.length).toBe(201);
  });
});
