/**
 * The demo workbook as it prints (LibreOffice headless to PDF, read back with poppler): every page A4
 * landscape with the authority, framework and as-of date at its head and "Page x of y" at its foot; the
 * SIG summary on one page; a page per school profile. And a second run on the first run's output: the
 * trend shows both runs, the Run log holds both, and no school is falsely "New".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { RESULT_HEADERS } from '../../../src/run/resultPlacement';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { have, pdfPages, PDFINFO, SOFFICE, toPdf } from '../../support/externalTools';

let dir: string;
const first = () => join(dir, 'first.xlsx');
const second = () => join(dir, 'second.xlsx');

async function categorise(input: string, asOf: string, output: string): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(['categorise', input, '-f', 'oxfordshire', '--as-of', asOf, '-o', output], (t) => (out += t), (t) => (err += t));
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-print-'));
  await categorise('examples/sample-register.xlsx', '2026-11-01', first());
  await categorise(first(), '2027-01-15', second());
});

describe('a second run on the first run\'s output', () => {
  it('shows both runs in the trend and the Run log', async () => {
    const summary = (await readSheetGrid(second(), 'SIG summary')).values;
    const at = summary.findIndex((r) => String(r[0]).startsWith('The last 2 runs under this framework'));
    expect(at).toBeGreaterThan(0);
    expect([summary[at + 2]![0], summary[at + 3]![0]]).toEqual(['01/11/2026', '15/01/2027']);
    const log = (await readSheetGrid(second(), 'Run log')).values;
    expect(log.slice(1).map((r) => r[3])).toEqual(['01/11/2026', '15/01/2027']);
  });

  it('says "New" of no school: every school was in the first run', async () => {
    const grid = (await readSheetGrid(second())).values;
    const movement = grid[0]!.indexOf('Movement');
    expect(movement).toBeGreaterThan(0);
    const movements = grid.slice(1).map((r) => r[movement]);
    expect(movements).not.toContain('New to the register');
    expect(movements.filter((m) => m === '')).toHaveLength(0);
    expect(grid[0]!.filter((h) => (RESULT_HEADERS as readonly unknown[]).includes(h))).toHaveLength(RESULT_HEADERS.length);
  });
});

describe('the workbook as it prints (LibreOffice)', () => {
  let pdf = '';
  const page = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });

  it('every page A4 landscape, headed with the authority, framework and as-of date, "Page x of y" below', () => {
    if (!have(SOFFICE, 'LibreOffice') || !have(PDFINFO, 'pdfinfo')) return;
    pdf = toPdf(second(), dir);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const pages = pdfPages(pdf);
    for (const n of [1, Math.ceil(pages / 2), pages]) {
      const t = page(n);
      expect(t).toContain('Oxfordshire County Council · Oxfordshire Improvement Guarantee · as of 15/01/2027');
      expect(t).toContain(`Page ${n} of ${pages}`);
    }
  }, 240_000);

  it('the SIG summary on one page, then a page per school of concern', () => {
    if (!have(SOFFICE, 'LibreOffice') || !have(PDFINFO, 'pdfinfo')) return;
    const pages = pdfPages(pdf);
    const texts = Array.from({ length: pages }, (_, i) => page(i + 1));
    const summary = texts.findIndex((t) => t.includes('Oxfordshire County Council: SIG summary'));
    expect(summary).toBeGreaterThan(0);
    // The page after the summary is the first profile, not the summary's overflow.
    expect(texts[summary + 1]).toMatch(/URN \d{6} · /);
    const profiles = texts.filter((t) => /URN \d{6} · /.test(t));
    // Each profile starts a page and fits it: as many profile pages as the summary says there are profiles.
    const count = Number(/has a page in "School profiles" \((\d+)\)/.exec(texts[summary]!.replace(/\s+/g, ' '))![1]);
    expect(profiles).toHaveLength(count);
    for (const t of profiles) expect(t).toContain('Against the framework');
  }, 240_000);
});
