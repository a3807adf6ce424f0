/**
 * Text from the register stays text in every output: a school name that is markup or a formula is
 * written literally to the .xlsx (as a string cell, never a formula, on the register and on the SIG
 * summary), neutralised in the .csv, and carried verbatim in the .json. (`npm audit` is checked by
 * scripts/audit.mjs in .ci/run.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { neutraliseCsvCell } from '../../src/workbook/writeFile';
import { withRequiredColumns } from '../support/requiredColumns';
import { readResultRows } from '../support/resultsFile';

const MARKUP = '<img src=x onerror=alert(1)>';
const FORMULAS = ['=HYPERLINK("http://evil.example/x","Click")', '@SUM(A1:A9)', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '=1+1'];
const NAMES = [MARKUP, ...FORMULAS];
const OWN_HEADER = ['URN', 'School name', 'Phase', 'Status', 'Ofsted grade', 'Inspection date', 'Safeguarding effective', 'Leadership concern'];
const HEADER = withRequiredColumns(OWN_HEADER, []).header;
/** A row of the test's own columns, with the other columns the frameworks need. */
const row = (...cells: unknown[]) => withRequiredColumns<unknown>(OWN_HEADER, [cells]).rows[0]!;

let dir: string;
let input: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-security-'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Register');
  ws.addRow(HEADER);
  // Inadequate schools, so every name is written again as the title of its page in the School profiles.
  NAMES.forEach((name, i) => ws.addRow(row(200001 + i, name, 'Primary', 'Community school', 'Inadequate', new Date(Date.UTC(2024, 2, 1)), 'Yes', 'Yes')));
  // A markup value in a checked column, so it also travels inside an error message.
  ws.addRow(row(200100, 'Plain Name School', 'Primary', 'Community school', MARKUP, new Date(Date.UTC(2024, 2, 1)), 'Yes', 'No'));
  input = join(dir, 'register.xlsx');
  await wb.xlsx.writeFile(input);
});

async function categorise(out: string, file = input): Promise<void> {
  let err = '';
  const code = await main(['categorise', file, '--framework', 'oldham', '--as-of', '2026-11-01', '--out', out], () => undefined, (t) => (err += t));
  expect(err).toBe('');
  expect(code).toBe(0);
}

describe('school names in the .xlsx output', () => {
  it('are string cells holding the name exactly, on the register and in the School profiles', async () => {
    const out = join(dir, 'out.xlsx');
    await categorise(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Register')!;
    NAMES.forEach((name, i) => {
      const cell = ws.getRow(i + 2).getCell(2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(name);
    });
    const summary: unknown[] = [];
    wb.getWorksheet('School profiles')!.eachRow((row) => row.eachCell((cell) => {
      if (NAMES.includes(String(cell.value))) {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        summary.push(cell.value);
      }
    }));
    expect(summary.sort()).toEqual([...NAMES].sort());
  });

  it('holds no formula anywhere and the markup only escaped, in the raw sheet XML', async () => {
    const out = join(dir, 'raw.xlsx');
    await categorise(out);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const parts = Object.keys(zip.files).filter((n) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const xml = await zip.file(part)!.async('string');
      expect(xml, part).not.toMatch(/<f[ >]/);
      expect(xml, part).not.toContain('<img');
    }
    const strings = await zip.file('xl/sharedStrings.xml')?.async('string');
    const sheets = await Promise.all(parts.map((p) => zip.file(p)!.async('string')));
    expect([strings ?? '', ...sheets].join('')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('school names in the .csv output', () => {
  it('are neutralised where a spreadsheet would run them, and literal otherwise', async () => {
    const out = join(dir, 'out.csv');
    await categorise(out);
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const names = rows.slice(1, NAMES.length + 1).map((r) => r[1]);
    expect(names[0]).toBe(MARKUP);
    FORMULAS.forEach((f, i) => expect(names[i + 1]).toBe(`'${f}`));
    // No cell of the whole file starts a formula or a command.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?%?$)/);
  });

  it.each([
    ['=1+1', '\'=1+1'], ['+cmd|x', '\'+cmd|x'], ['-cmd', '\'-cmd'], ['@SUM(A1)', '\'@SUM(A1)'], ['\tx', '\'\tx'], ['\rx', '\'\rx'],
    ['-0.5', '-0.5'], ['+12', '+12'], ['85%', '85%'], [MARKUP, MARKUP], ['Good', 'Good'], [42, 42],
  ])('neutraliseCsvCell(%j) is %j', (cell, expected) => {
    expect(neutraliseCsvCell(cell)).toBe(expected);
  });
});

describe('school names in the .json output', () => {
  it('carry markup verbatim inside messages (JSON-escaped, never interpreted)', async () => {
    const out = join(dir, 'out.json');
    await categorise(out);
    const rows = readResultRows(out);
    const marked = rows.find((r) => r.urn === '200100')!;
    expect(marked.category).toBeNull();
    expect(marked.errors[0]).toContain(`"${MARKUP}" is not one of the allowed values`);
  });

  it('from a CSV register, too: the name stays one literal string cell in the .xlsx', async () => {
    const csv = join(dir, 'register.csv');
    writeFileSync(csv, `${Papa.unparse([HEADER, row(200001, FORMULAS[0], 'Primary', 'Community school', 'Good', '01/03/2024', 'Yes', 'No')], { newline: '\r\n' })}\r\n`);
    const out = join(dir, 'from-csv.xlsx');
    await categorise(out, csv);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cell = wb.worksheets[0]!.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(FORMULAS[0]);
  });
});
