import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { RESULT_HEADERS } from '../../../src/run/registerRun';
import { RUN_LOG_HEADERS } from '../../../src/run/runLog';
import { neutraliseCsvCell } from '../../../src/workbook/writeFile';
import { withRequiredColumns } from '../../support/requiredColumns';

let dir: string;
const run = async (...argv: string[]) => {
  let err = '';
  const code = await main(argv, () => undefined, (t) => (err += t));
  return { code, err };
};

// The test's own columns, then the others the frameworks need (no concern in them).
const { header: HEADER, rows: ROWS } = withRequiredColumns<unknown>(['URN', 'School name', 'Phase', 'Status', 'Ofsted grade', 'Inspection date', 'Attainment concern', 'Leadership concern', 'Analyst notes'], [
  [100001, 'Ashby Lane Primary', 'Primary', 'Community school', 'Good', new Date(Date.UTC(2023, 2, 1)), 'N', 'N', 'Visited in May'],
  [100002, 'Brook Academy', 'Secondary', 'Academy converter', 'RI', new Date(Date.UTC(2024, 4, 12)), 'Y', 'Y', '=HYPERLINK("http://x","click")'],
  [100003, 'Cole Hill Primary', 'Primary', 'Community school', 'Inadequate', new Date(Date.UTC(2025, 0, 20)), 'Y', 'N', ''],
]);
const resultColumn = (header: (typeof RESULT_HEADERS)[number]) => HEADER.length + 1 + RESULT_HEADERS.indexOf(header);

/** A register as analysts keep it: a title above, an Excel table, dates as dates, a second sheet. */
async function writeRegister(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Autumn 2026');
  ws.getCell('A1').value = 'Northmoor school risk register';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.addTable({ name: 'Register', ref: 'A3', headerRow: true, columns: HEADER.map((name) => ({ name: String(name) })), rows: ROWS });
  for (let r = 4; r <= 6; r++) ws.getCell(`F${r}`).numFmt = 'dd/mm/yyyy';
  ws.getCell('I4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Termly notes', 'kept by the analyst']);
  await wb.xlsx.writeFile(path);
}

/** Every analyst cell (value, number format, fill) of the register sheet, for byte-for-byte comparison. */
async function analystCells(path: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet('Autumn 2026')!;
  const out: string[] = [];
  for (let r = 1; r <= 6; r++) for (let c = 1; c <= HEADER.length; c++) {
    const cell = ws.getCell(r, c);
    out.push(JSON.stringify([r, c, cell.value, cell.numFmt, cell.fill]));
  }
  return out.join('\n');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-xlsx-'));
  await writeRegister(join(dir, 'register.xlsx'));
});

describe('categorise to .xlsx', () => {
  it('adds the result columns after the analyst\'s, in the framework\'s colours, and leaves the analyst\'s cells alone', async () => {
    const out = join(dir, 'out.xlsx');
    expect((await run('categorise', join(dir, 'register.xlsx'), '-f', 'oldham', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    expect(await analystCells(out)).toBe(await analystCells(join(dir, 'register.xlsx')));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Autumn 2026')!;
    expect(RESULT_HEADERS.map((_, i) => ws.getCell(3, HEADER.length + 1 + i).value)).toEqual([...RESULT_HEADERS]);
    const category = (r: number) => ws.getCell(r, HEADER.length + 1);
    expect([category(4).value, category(5).value, category(6).value]).toEqual(['Green', 'Red', 'Red']);
    expect((category(5).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFF0000');
    const due = ws.getCell(4, HEADER.length + 3);
    expect(due.value).toBeInstanceOf(Date);
    expect(due.numFmt).toBe('dd/mm/yyyy');
    // The formula-looking note stays text, and no result is a formula.
    expect(ws.getCell(5, 9).value).toBe('=HYPERLINK("http://x","click")');
    for (let c = HEADER.length + 1; c <= HEADER.length + RESULT_HEADERS.length; c++) expect(ws.getCell(5, c).formula).toBeUndefined();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Autumn 2026', 'Notes', 'SIG summary', 'School profiles', 'Run log']);
    expect(wb.getWorksheet('Notes')!.getCell('B1').value).toBe('kept by the analyst');
    // Each kind of result cell carries its style: the category's colours, wrapped reasons, the date format.
    expect([category(4), category(5)].map((c) => [(c.fill as ExcelJS.FillPattern).fgColor?.argb, c.font.color?.argb, c.font.bold])).toEqual([['FF00B050', 'FF000000', true], ['FFFF0000', 'FF000000', true]]);
    expect(ws.getCell(5, HEADER.length + 2).alignment).toEqual({ wrapText: true, vertical: 'top' });
    expect((ws.getCell(4, HEADER.length + 4).fill as ExcelJS.FillPattern).pattern).toBe('none');
  });

  it('writes the SIG summary with counts and their chart, a profile per school of concern, and the Run log', async () => {
    const out = join(dir, 'out.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const summary = wb.getWorksheet('SIG summary')!;
    expect(summary.getCell(4, 1).value).toBe('Schools per category');
    expect([1, 2, 3, 4].map((c) => summary.getCell(5, c).value)).toEqual(['Category', 'Schools', 'Share', 'Provisional']);
    const counts = [6, 7, 8].map((r) => [summary.getCell(r, 1).value, summary.getCell(r, 2).value, summary.getCell(r, 4).value]);
    expect(counts).toEqual([['Green', 1, 0], ['Amber', 0, 0], ['Red', 2, 0]]);
    // Red is the most concerning category: its two schools have a page each.
    const profiles = wb.getWorksheet('School profiles')!;
    const titles: unknown[] = [];
    profiles.eachRow((row) => {
      if (row.getCell(1).font?.size === 14) titles.push(row.getCell(1).value);
    });
    expect(titles.sort()).toEqual(['Brook Academy', 'Cole Hill Primary']);
    const log = wb.getWorksheet('Run log')!;
    const headers = (log.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([...RUN_LOG_HEADERS]);
    const record = Object.fromEntries(headers.map((h, i) => [h, log.getRow(2).getCell(i + 1).value]));
    expect(record).toMatchObject({ 'Framework': 'Oldham School Improvement Model (oldham)', 'As of': '01/11/2026', 'Rows': 3, 'Categorised': 3, 'Provisional': '0', 'Counts': 'green=1; amber=0; red=2' });
    // Oldham reads concern flags this register does not have: listed, with what could not fire.
    expect(String(record['Not in this register']).split('\n')).toContain('Progress concern: not in this register, so these could not fire: Vulnerabilities recorded for the Schools Causing Concern Index.');
    const zip = await JSZip.loadAsync(readFileSync(out));
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(chart).toContain("<c:f>'SIG summary'!$B$6:$B$8</c:f>");
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('/xl/charts/chart1.xml');
  });

  it('is idempotent: a re-run on its own output refreshes the results and keeps the analyst\'s cells byte for byte', async () => {
    const first = join(dir, 'out.xlsx');
    const second = join(dir, 'out-again.xlsx');
    expect((await run('categorise', first, '-f', 'oldham', '--as-of', '2026-11-01', '-o', second)).code).toBe(0);
    expect(await analystCells(second)).toBe(await analystCells(first));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    const ws = wb.getWorksheet('Autumn 2026')!;
    // One result block, not two; the previous run's category is kept so movements show.
    expect(ws.getCell(3, HEADER.length + RESULT_HEADERS.length + 1).value).toBeNull();
    expect(ws.getCell(5, resultColumn('Previous category (last run)')).value).toBe('Red');
    expect(ws.getCell(5, resultColumn('Movement')).value).toBe('No change');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Autumn 2026', 'Notes', 'SIG summary', 'School profiles', 'Run log']);
    // The Run log keeps the first run's row and adds this one's.
    expect(wb.getWorksheet('Run log')!.rowCount).toBe(3);
  });

  it('reads a named sheet and refuses a missing one', async () => {
    const r = await run('categorise', join(dir, 'register.xlsx'), '--sheet', 'Summer', '-f', 'oldham', '-o', join(dir, 'x.xlsx'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/has no sheet "Summer"; its sheets are "Autumn 2026", "Notes"/);
  });
});

describe('categorise to .csv', () => {
  it('appends the result columns and neutralises cells a spreadsheet would run', async () => {
    const csv = join(dir, 'in.csv');
    const register = withRequiredColumns<unknown>(['URN', 'School name', 'Ofsted grade', 'Inspection date', 'Notes'], [[100001, 'Ashby, Lane', 'Good', '01/03/2023', '@SUM(A1:A2)'], [100002, 'Brook', 'RI', '12/05/2024', '+cmd|calc']]);
    writeFileSync(csv, `\uFEFF${Papa.unparse([register.header, ...register.rows])}\n`);
    const out = join(dir, 'out.csv');
    expect((await run('categorise', csv, '-f', 'southwark', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith(`\uFEFF${register.header.join(',')},${RESULT_HEADERS.join(',')}\r\n`)).toBe(true);
    expect(text).toContain('"Ashby, Lane"');
    expect(text).toContain("'@SUM(A1:A2)");
    expect(text).toContain("'+cmd|calc");
  });

  it.each([['=1+2', "'=1+2"], ['+44 7700', "'+44 7700"], ['-0.5', '-0.5'], ['@x', "'@x"], ['plain', 'plain'], [3, 3]])('neutralises %j as %j', (input, output) => {
    expect(neutraliseCsvCell(input)).toBe(output);
  });
});
