import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { withRequiredColumns } from '../../support/requiredColumns';
import { categoryText } from '../../../core/categoryText';
import { readResultRows } from '../../support/resultsFile';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { encodeWindows1252, WINDOWS_1252_HIGH_TEXT } from '../../support/windows1252Bytes';
import { datesInColumn, saveInDateSystem } from '../../support/dateSystems';
import { have, PYTHON, resavedByLibreOffice, SOFFICE } from '../../support/externalTools';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-cli-'));
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

const OWN_HEADER = ['URN', 'School name', 'Phase', 'Status', 'Ofsted grade', 'Inspection date', 'Safeguarding effective', 'Headteacher start date', 'Attainment concern', 'Leadership concern'];
/** The header row: the test's own columns, then the others the frameworks need. */
const HEADER = withRequiredColumns(OWN_HEADER, []).header.join(',');
/** A CSV line of the test's own columns, with the other columns the frameworks need (no concern in them). */
const line = (text: string) => Papa.unparse([withRequiredColumns<unknown>(OWN_HEADER, Papa.parse<string[]>(text).data).rows[0]!]);

describe('schoolrisk categorise to JSON', () => {
  it('writes one object per data row with the contract of the core issue', async () => {
    const csv = join(dir, 'register.csv');
    writeFileSync(csv, `\uFEFF${HEADER}\n${line('100001,"Ashby, Lane Primary",Primary,Community school,Good,01/03/2022,Yes,01/09/2019,N,N')}\n${line('100002,Brook Academy,Secondary,Academy converter,RI,12/05/2024,Y,01/09/2020,Y,Y')}\n`);
    const out = join(dir, 'results.json');
    const r = await run('categorise', csv, '--framework', 'OXFORDSHIRE', '--as-of', '2026-11-01', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = readResultRows(out);
    expect(rows.map((x) => [x.row, x.urn])).toEqual([[2, '100001'], [3, '100002']]);
    expect(rows[1]!.category).toBe('ri');
    expect(rows[0]!.errors).toEqual([]);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['additional', 'category', 'categoryLabel', 'errors', 'inspection', 'override', 'provisional', 'reasons', 'row', 'support', 'supportDays', 'urn', 'variant', 'warnings']);
      expect(row.warnings).toEqual([]);
      expect(row.provisional).toBeNull();
      expect(row.reasons.length).toBeGreaterThan(0);
      expect(row.inspection!.dueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['low', 'medium', 'high']).toContain(row.inspection!.risk);
      expect(row.inspection!.riskScore).toBeGreaterThanOrEqual(0);
      expect(row.inspection!.riskScore).toBeLessThanOrEqual(100);
    }
    expect(r.out).toContain('Oxfordshire');
  });

  it('reports an invalid row by row, column and value, and still categorises the others', async () => {
    const csv = join(dir, 'bad-row.csv');
    writeFileSync(csv, `${HEADER}\n${line('100001,Ashby Lane,Primary,Community school,Good,31/02/2024,Yes,01/09/2019,N,N')}\n${line('100002,Brook,Primary,Community school,Good,01/03/2022,Yes,01/09/2019,N,N')}\n`);
    const out = join(dir, 'bad-row.json');
    expect((await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const rows = readResultRows(out);
    expect(rows[0]!.category).toBeNull();
    expect(rows[0]!.errors).toEqual([expect.stringMatching(/^Row 2, column "Inspection date": "31\/02\/2024" is not a date; expected /)]);
    expect(rows[1]!.category).not.toBeNull();
  });

  it('finds a header row below a title, counting sheet rows from the top', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Autumn 2026');
    ws.addRow(['Northmoor risk register']);
    ws.addRow([]);
    ws.addRow(HEADER.split(','));
    ws.addRow(withRequiredColumns<unknown>(OWN_HEADER, [[100001, 'Ashby Lane', 'Primary', 'Community school', 'Good', new Date(Date.UTC(2022, 2, 1)), 'Yes', new Date(Date.UTC(2019, 8, 1)), 'N', 'N']]).rows[0]!);
    const xlsx = join(dir, 'title.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const out = join(dir, 'title.json');
    expect((await run('categorise', xlsx, '-f', 'wokingham', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const rows = readResultRows(out);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).toBe(4);
    expect(rows[0]!.inspection!.dueFrom).not.toBeNull();
  });
});

describe('schoolrisk reads CSV files as analysts have them', () => {
  // Excel in a European locale on Windows: semicolons, decimal commas, Windows-1252 (é and £ are single bytes).
  const row = withRequiredColumns<unknown>([...OWN_HEADER, 'Attendance %'], [['100001', 'Ecole Sainte-Th\u00e9r\u00e8se \u00a3', 'Primary', 'Community school', 'Good', '01/03/2022', 'Yes', '01/09/2019', 'N', 'N', '95,1']]);
  const text = `${row.header.join(';')}\r\n${row.rows[0]!.join(';')}\r\n`;
  const windows1252 = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

  it('a Windows-1252 semicolon file with decimal commas: names and numbers read right, the encoding said in a note', async () => {
    const csv = join(dir, 'european.csv');
    writeFileSync(csv, windows1252);
    const out = join(dir, 'european.json');
    const r = await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Note: The file is not UTF-8: it was read as Windows-1252/m);
    const rows = readResultRows(out);
    expect(rows[0]).toMatchObject({ urn: '100001', errors: [] });
    expect(rows[0]!.category).not.toBeNull();

    const v = await run('validate', csv, '--as-of', '2026-11-01');
    expect(v.out).toMatch(/^Note: The file is not UTF-8/m);
    expect(v.out).toMatch(/Attendance %\s+-> Attendance %/);
    expect(v.out).not.toContain('\uFFFD');
  });

  it('a Windows-1252 register with all 27 characters it defines in 0x80-0x9F (’ “ ” – € ...): each reaches the .xlsx, .csv and .json as written', async () => {
    // The sample register as Excel on Windows saves it, with a typographic name and an override reason
    // holding every character Windows-1252 defines in 0x80-0x9F, where it differs from Latin-1.
    const NAME = `St Mary’s “Good” – School ${WINDOWS_1252_HIGH_TEXT}`;
    const REASON = `SIG’s “interim” plan – €2,000 ${WINDOWS_1252_HIGH_TEXT}`;
    const grid = Papa.parse<string[]>(readFileSync('examples/sample-register.csv', 'utf8'), { skipEmptyLines: true }).data;
    const header = grid[0]!;
    const overridden = grid.findIndex((r) => r[header.indexOf('Category override')] !== '' && r !== header);
    grid[1]![header.indexOf('School name')] = NAME;
    grid[overridden]![header.indexOf('Override reason')] = REASON;
    const csv = join(dir, 'windows-1252-typographic.csv');
    const bytes = encodeWindows1252(Papa.unparse(grid, { newline: '\r\n' }));
    // Real Windows-1252: the right quote is the one byte 0x92, and the file is not UTF-8.
    expect(bytes.includes(Buffer.from([0x92]))).toBe(true);
    writeFileSync(csv, bytes);

    const json = join(dir, 'windows-1252-typographic.json');
    const r = await run('categorise', csv, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', json);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Note: The file is not UTF-8: it was read as Windows-1252/m);
    expect(r.out).not.toMatch(/does not define/);
    expect(readResultRows(json).find((row) => row.row === overridden + 1)!.override!.reason).toBe(REASON);

    for (const ext of ['xlsx', 'csv']) {
      const out = join(dir, `windows-1252-typographic-categorised.${ext}`);
      const written = await run('categorise', csv, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out);
      expect(written.err).toBe('');
      expect(written.code).toBe(0);
      const values = (await readSheetGrid(out)).values;
      expect(values[1]![header.indexOf('School name')], ext).toBe(NAME);
      expect(values[overridden]![header.indexOf('Override reason')], ext).toBe(REASON);
    }
    // The .xlsx as another reader sees it.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'windows-1252-typographic-categorised.xlsx'));
    expect(wb.worksheets[0]!.getCell(2, header.indexOf('School name') + 1).value).toBe(NAME);
  });

  it('the same file saved as UTF-16 "Unicode text" (tab-delimited) gives the same rows and no note', async () => {
    const tabbed = text.replace(/;/g, '\t');
    const csv = join(dir, 'unicode.csv');
    writeFileSync(csv, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]));
    const out = join(dir, 'unicode.json');
    const r = await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('Note:');
    expect(readResultRows(out)[0]).toMatchObject({ urn: '100001', errors: [] });
  });
});

describe('a register written by openpyxl with formulas it could not calculate', () => {
  it('the CSV has each formula as text where it had no value, and the command says how many and what to do', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const register = join(dir, 'formulas.xlsx');
    // openpyxl writes a formula with no value: only a program that calculates (Excel, LibreOffice) adds it.
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Register']
col = ws.max_column + 1
ws.cell(row=1, column=col).value = 'Visits planned'
ws.cell(row=2, column=col).value = '=1+2'
ws.cell(row=3, column=col).value = '=SUM(A3:B3)'
wb.save(sys.argv[2])`, 'examples/sample-register.xlsx', register]);
    const out = join(dir, 'formulas.csv');
    const r = await run('categorise', register, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Note: 2 cells hold a formula saved without its value');
    const [header, first, second] = Papa.parse<string[]>(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    // Before: two blank cells, and nothing said.
    expect([first![header!.indexOf('Visits planned')], second![header!.indexOf('Visits planned')]]).toEqual(["'=1+2", "'=SUM(A3:B3)"]);
  });
});

describe('a register with a percentage column formatted as Excel percentages, saved by openpyxl', () => {
  it('a school at 100% (held as 1) is read as 100%, as when the column says 100: said by its format, or guessed from its column with a warning on its cell', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const outs: Record<string, ReturnType<typeof readResultRows>> = {};
    for (const as of ['percent', 'number', 'fraction'] as const) {
      const register = join(dir, `ks2-${as}.xlsx`);
      // KS2 RWM as the sample holds it (62 for 62%), as fractions in the 0% format, or as fractions in General
      // cells (pasted as values); the first school with a result at 100%.
      execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Register']
col = [c.value for c in ws[1]].index('KS2 RWM expected %') + 1
first = True
for row in range(2, ws.max_row + 1):
    cell = ws.cell(row=row, column=col)
    if not isinstance(cell.value, (int, float)): continue
    if first: cell.value = 100; first = False
    if sys.argv[3] != 'number': cell.value = cell.value / 100
    if sys.argv[3] == 'percent': cell.number_format = '0%'
wb.save(sys.argv[2])`, 'examples/sample-register.xlsx', register, as]);
      const out = join(dir, `ks2-${as}.json`);
      const r = await run('categorise', register, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out);
      expect(r.code).toBe(0);
      outs[as] = readResultRows(out);
    }
    const categories = (as: string) => outs[as]!.map((r) => r.category);
    const warned = (rows: ReturnType<typeof readResultRows>) => rows.flatMap((r) => r.warnings).filter((w) => /is read as 100%/.test(w));
    expect(categories('percent')).toEqual(categories('number'));
    expect(categories('fraction')).toEqual(categories('number'));
    // The format says the cell is 100%: nothing to warn of. Without it the column's fractions say so, and the cell is warned of.
    expect(warned(outs.percent!)).toEqual([]);
    expect(warned(outs.fraction!)).toHaveLength(1);
    expect(warned(outs.fraction!)[0]).toMatch(/^Row \d+, column "KS2 RWM expected %": 1 is read as 100%; expected a fraction/);
    // The same workbook saved again by LibreOffice (its own 0% format and cell XML): the same reading.
    if (!have(SOFFICE, 'LibreOffice')) return;
    const again = resavedByLibreOffice(join(dir, 'ks2-percent.xlsx'), mkdtempSync(join(tmpdir(), 'schoolrisk-lo-')));
    const out = join(dir, 'ks2-libreoffice.json');
    expect((await run('categorise', again, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const viaLibreOffice = readResultRows(out);
    expect(viaLibreOffice.map((r) => r.category)).toEqual(categories('number'));
    expect(warned(viaLibreOffice)).toEqual([]);
  }, 60_000);
});

describe('the CSV of a register saved by openpyxl, with percentages and TRUE/FALSE cells', () => {
  it('writes a percentage cell as the percentage it shows, to its last digit, and TRUE/FALSE as Excel does; the CSV reads back to the same categories', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // Attendance as Excel percentages (0.953 shown as 95.3%), one school's at 95.35% (more places than its format shows), and a column of booleans.
    const csvs = await csvInBothSystems('shown', `
col = [c.value for c in ws[1]].index('Attendance %') + 1
first = True
for row in range(2, ws.max_row + 1):
    cell = ws.cell(row=row, column=col)
    if not isinstance(cell.value, (int, float)): continue
    cell.value = 0.9535 if first else cell.value / 100
    first = False
    cell.number_format = '0.0%'
flag = ws.max_column + 1
ws.cell(row=1, column=flag).value = 'Visited this term'
ws.cell(row=2, column=flag).value = True
ws.cell(row=3, column=flag).value = False`);
    const [header, first, second] = Papa.parse<string[]>(csvs[0]!.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    // Before: 0.9535 (a number the SIG would read as 1%), and true / false.
    expect(first![header!.indexOf('Attendance %')]).toBe('95.35%');
    expect([first![header!.indexOf('Visited this term')], second![header!.indexOf('Visited this term')]]).toEqual(['TRUE', 'FALSE']);
    expect(csvs[1]).toBe(csvs[0]);
    // The CSV categorised again gives the workbook's categories.
    const fromXlsx = join(dir, 'shown-1900.json');
    expect((await run('categorise', join(dir, 'shown-1900.xlsx'), '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', fromXlsx)).code).toBe(0);
    const csvIn = join(dir, 'shown-input.csv');
    writeFileSync(csvIn, csvs[0]!);
    const fromCsv = join(dir, 'shown-from-csv.json');
    expect((await run('categorise', csvIn, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', fromCsv)).code).toBe(0);
    expect(readResultRows(fromCsv).map((r) => r.category)).toEqual(readResultRows(fromXlsx).map((r) => r.category));
    // The same workbook saved again by LibreOffice (its own percentage format and cell XML): the same CSV cells.
    if (!have(SOFFICE, 'LibreOffice')) return;
    const again = resavedByLibreOffice(join(dir, 'shown-1900.xlsx'), mkdtempSync(join(tmpdir(), 'schoolrisk-lo-')));
    const viaLibreOffice = join(dir, 'shown-libreoffice.csv');
    expect((await run('categorise', again, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', viaLibreOffice)).code).toBe(0);
    const [loHeader, loFirst, loSecond] = Papa.parse<string[]>(readFileSync(viaLibreOffice, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(loFirst![loHeader!.indexOf('Attendance %')]).toBe('95.35%');
    expect([loFirst![loHeader!.indexOf('Visited this term')], loSecond![loHeader!.indexOf('Visited this term')]]).toEqual(['TRUE', 'FALSE']);
  }, 60_000);
});

describe('a disadvantaged gap worked out as fractions (a workbook saved by openpyxl)', () => {
  /** The sample register with each gap held as a fraction (14.6 points as 0.146), in `format`. */
  const gapsAsFractions = (name: string, format: string) => {
    const register = join(dir, name);
    execFileSync(PYTHON!, ['-c', `import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Register']
col = [c.value for c in ws[1]].index('Disadvantaged gap') + 1
for row in range(2, ws.max_row + 1):
    cell = ws.cell(row=row, column=col)
    if isinstance(cell.value, (int, float)):
        cell.value = cell.value / 100
        cell.number_format = sys.argv[3]
wb.save(sys.argv[2])`, 'examples/sample-register.xlsx', register, format]);
    return register;
  };
  const said = (path: string) => readResultRows(path).map((r) => [r.category, r.variant?.id ?? null, r.reasons]);
  const gapWarnings = (path: string) => readResultRows(path)[0]!.warnings.filter((w) => /Disadvantaged gap/.test(w));
  /** Categorises `register` under Herefordshire (which reads the gap) to `out`, the run's output. */
  const herefordshire = async (register: string, out: string) => {
    const r = await run('categorise', register, '-f', 'herefordshire', '--as-of', '2026-11-01', '-o', out);
    expect(r.code).toBe(0);
    return r.out;
  };
  /** The sample, its gaps typed in points, categorised once for both tests. */
  let typedInPoints: Promise<string> | null = null;
  const asPoints = () => (typedInPoints ??= herefordshire('examples/sample-register.xlsx', join(dir, 'gap-points.json')).then(() => join(dir, 'gap-points.json')));

  it('in a percentage format (a difference of two percentage cells): each gap is read as the points its cell shows, with nothing to guess or say; its CSV reads back alike', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const register = gapsAsFractions('gap-percent.xlsx', '0.0%');
    const points = await asPoints();
    const asShown = join(dir, 'gap-percent.json');
    await herefordshire(register, asShown);
    expect(said(asShown)).toEqual(said(points));
    expect(readResultRows(points).filter((r) => r.reasons.some((x) => /gap/i.test(x))).length).toBeGreaterThan(0);
    expect(gapWarnings(asShown)).toEqual([]);
    expect(gapWarnings(points)).toEqual([]);
    // The CSV shows each gap as the percentage its cell shows (14.6%), which reads back as 14.6 points.
    const csv = join(dir, 'gap-percent.csv');
    await herefordshire(register, csv);
    const [header, first] = Papa.parse<string[]>(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(first![header!.indexOf('Disadvantaged gap')]).toMatch(/^-?\d+(\.\d+)?%$/);
    const fromCsv = join(dir, 'gap-from-csv.json');
    await herefordshire(csv, fromCsv);
    expect(said(fromCsv)).toEqual(said(points));
  }, 60_000);

  it('in General cells (pasted as values): the column of fractions is read times 100, and the command and the Run log say so', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const register = gapsAsFractions('gap-general.xlsx', 'General');
    const asFractions = join(dir, 'gap-general.json');
    await herefordshire(register, asFractions);
    expect(said(asFractions)).toEqual(said(await asPoints()));
    expect(gapWarnings(asFractions)).toEqual([expect.stringMatching(/^Column "Disadvantaged gap" holds only numbers from -1 to 1, as a percentage format holds points: each is read times 100/)]);
    // Where the analyst looks: the command's output and the workbook's Run log say how the column was read.
    const book = join(dir, 'gap-general-out.xlsx');
    expect(await herefordshire(register, book)).toMatch(/\nHow columns were read:\n {2}Column "Disadvantaged gap" holds only numbers from -1 to 1/);
    // Read back by openpyxl, another program than ours (exceljs cannot open the openpyxl-saved register either).
    const logged = execFileSync(PYTHON!, ['-c', "import openpyxl, sys\nws = openpyxl.load_workbook(sys.argv[1])['Run log']\nrows = list(ws.iter_rows(values_only=True))\nprint(rows[-1][list(rows[0]).index('Columns read')])", book], { encoding: 'utf8' });
    expect(logged).toMatch(/^Column "Disadvantaged gap" holds only numbers from -1 to 1/);
    // The row wraps in its columns and is as tall as its text, so the long note runs no further right than its column (it ran across the page and shrank the print).
    const shape = JSON.parse(execFileSync(PYTHON!, ['-c', "import json, openpyxl, sys\nws = openpyxl.load_workbook(sys.argv[1])['Run log']\nrow = ws[ws.max_row]\nprint(json.dumps({'wrap': all(c.alignment.wrap_text for c in row), 'height': ws.row_dimensions[ws.max_row].height}))", book], { encoding: 'utf8' })) as { wrap: boolean; height: number | null };
    expect(shape.wrap).toBe(true);
    expect(shape.height).toBeGreaterThan(100);
  }, 60_000);
});

describe('a suspension rate typed as a percentage in Excel (5.2% is held as 0.052), in a workbook saved by openpyxl', () => {
  it('is read as the rate it shows, as when typed 12.4, where the number alone (0.124) would be a rate of no concern', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // Northmoor's low-attendance criterion with a suspension rate of 10 per 100 pupils or more beside it: an authority's own framework file.
    const framework = JSON.parse(readFileSync('examples/frameworks/northmoor.json', 'utf8')) as { criteria: { id: string; label: string; when: { any: unknown[] } }[] };
    const attendance = framework.criteria.find((c) => c.id === 'low-attendance')!;
    attendance.label = 'Low attendance or high suspensions';
    attendance.when.any.push({ fact: 'suspensionRate', op: 'gte', value: 10 });
    const frameworkFile = join(dir, 'northmoor-suspensions.json');
    writeFileSync(frameworkFile, JSON.stringify(framework));
    const outcomes: Record<string, ReturnType<typeof readResultRows>> = {};
    // The third school (URN 990015, universal) with good attendance and a suspension rate of 12.4: typed as 12.4%
    // in Excel (0.124 in a 0.0% format), typed as 12.4, and 0.124 in a General cell (a rate below one).
    for (const [as, value, format] of [['percent', 0.124, '0.0%'], ['typed', 12.4, 'General'], ['fraction', 0.124, 'General']] as const) {
      const register = join(dir, `suspensions-${as}.xlsx`);
      execFileSync(PYTHON!, ['-c', `import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Register']
header = [c.value for c in ws[1]]
assert ws.cell(row=4, column=header.index('URN') + 1).value == 990015
ws.cell(row=4, column=header.index('Attendance %') + 1).value = 97
cell = ws.cell(row=4, column=header.index('Suspension rate') + 1)
cell.value = float(sys.argv[3])
cell.number_format = sys.argv[4]
wb.save(sys.argv[2])`, 'examples/sample-register.xlsx', register, String(value), format]);
      const out = join(dir, `suspensions-${as}.json`);
      expect((await run('categorise', register, '-f', frameworkFile, '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
      outcomes[as] = readResultRows(out);
    }
    const school = (as: string) => outcomes[as]!.find((r) => r.urn === '990015')!;
    expect(school('typed').category).toBe('monitor');
    expect(school('typed').reasons).toEqual([expect.stringMatching(/^Low attendance or high suspensions \(.*Suspension rate: 12\.4/)]);
    expect(school('percent').category).toBe('monitor');
    expect(school('percent').reasons).toEqual(school('typed').reasons);
    expect(school('percent').errors).toEqual([]);
    // The number alone is a rate of no concern: what the percentage format's cell was read as before.
    expect(school('fraction').category).toBe('universal');
    // Every other school reads alike whichever way the third school's cell was written.
    expect(outcomes.percent!.map((r) => r.category)).toEqual(outcomes.typed!.map((r) => r.category));
    // The same workbook saved again by LibreOffice (its own percentage format and cell XML): the same reading.
    if (!have(SOFFICE, 'LibreOffice')) return;
    const again = resavedByLibreOffice(join(dir, 'suspensions-percent.xlsx'), mkdtempSync(join(tmpdir(), 'schoolrisk-lo-')));
    const out = join(dir, 'suspensions-libreoffice.json');
    expect((await run('categorise', again, '-f', frameworkFile, '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const viaLibreOffice = readResultRows(out).find((r) => r.urn === '990015')!;
    expect(viaLibreOffice.category).toBe('monitor');
    expect(viaLibreOffice.reasons).toEqual(school('typed').reasons);
  }, 60_000);
});

/**
 * The sample register saved by openpyxl in each date system, its Register sheet (`ws`) then changed by
 * `python`, and categorised to CSV (`<name>-<system>.xlsx` and `.csv` in `dir`): the CSVs' texts, 1900 first.
 */
async function csvInBothSystems(name: string, python: string, isoDates = false): Promise<string[]> {
  const csvs: string[] = [];
  for (const system of ['1900', '1904'] as const) {
    const register = join(dir, `${name}-${system}.xlsx`);
    saveInDateSystem('examples/sample-register.xlsx', register, system);
    execFileSync(PYTHON!, ['-c', `import datetime, openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Register']${python}\nwb.iso_dates = ${isoDates ? 'True' : 'False'}\nwb.save(sys.argv[1])`, register]);
    const out = join(dir, `${name}-${system}.csv`);
    expect((await run('categorise', register, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    csvs.push(readFileSync(out, 'utf8'));
  }
  return csvs;
}

describe('a 1904-date-system workbook (old Mac Excel), saved by openpyxl', () => {
  it('Next inspection due is the same calendar date as in the 1900-system file', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const due: Record<string, string>[] = [];
    for (const system of ['1900', '1904'] as const) {
      const register = join(dir, `register-${system}.xlsx`);
      saveInDateSystem('examples/sample-register.xlsx', register, system);
      const out = join(dir, `categorised-${system}.xlsx`);
      expect((await run('categorise', register, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
      due.push(datesInColumn(out, 'Next inspection due', system));
    }
    expect(Object.keys(due[0]!).length).toBeGreaterThan(100);
    expect(due[1]).toEqual(due[0]);
  });

  it('a date pasted as a value (a number in General format) is the workbook\'s serial of its day in categorise, validate and compare, as the pane reads it', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const generalDates = ['Inspection date', 'Headteacher start date'];
    const seen: { categories: (string | null)[]; validate: string; compare: string }[] = [];
    for (const system of ['1900', '1904'] as const) {
      const register = join(dir, `general-dates-${system}.xlsx`);
      saveInDateSystem('examples/sample-register.xlsx', register, system, [], generalDates);
      const out = join(dir, `general-dates-${system}.json`);
      expect((await run('categorise', register, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
      const validate = await run('validate', register, '-f', 'southwark', '--as-of', '2026-11-01');
      const compare = await run('compare', register, '--as-of', '2026-11-01');
      seen.push({ categories: readResultRows(out).map((r) => r.category), validate: validate.out.replace(register, 'register'), compare: compare.out });
    }
    // The numbers really are General in the 1904 file, each 1,462 below the 1900 file's.
    const general = JSON.parse(execFileSync(PYTHON!, ['-c', `
import json, openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['Register']
col = [c.value for c in ws[1]].index('Inspection date')
print(json.dumps([[r[col].value, r[col].number_format] for r in ws.iter_rows(min_row=2, max_row=3)]))`, join(dir, 'general-dates-1904.xlsx')], { encoding: 'utf8' })) as [number, string][];
    expect(general[0]).toEqual([44604 - 1462, 'General']);
    expect(seen[0]!.categories.filter((c) => c !== null).length).toBeGreaterThan(100);
    expect(seen[1]).toEqual(seen[0]);
  });

  it('a date written as an ISO date in no date format (openpyxl\'s iso_dates) is its day in a 1904 workbook too, not moved again', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const categories: (string | null)[][] = [];
    for (const system of ['1900', '1904'] as const) {
      const register = join(dir, `iso-dates-${system}.xlsx`);
      saveInDateSystem('examples/sample-register.xlsx', register, system, [], ['Inspection date'], true);
      expect(execFileSync(PYTHON!, ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', register], { encoding: 'utf8' })).toMatch(/<c r="G2" t="d"><v>2022-02-12T00:00:00<\/v><\/c>/);
      const out = join(dir, `iso-dates-${system}.json`);
      expect((await run('categorise', register, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
      categories.push(readResultRows(out).map((r) => r.category));
    }
    expect(categories[0]!.filter((c) => c !== null).length).toBeGreaterThan(100);
    expect(categories[1]).toEqual(categories[0]);
  });

  it('a time of day or a duration alone (Excel\'s built-in h:mm and [h]:mm:ss, a custom [h]:mm) is no date: it reaches the CSV as it shows (14:30, 30:00), in a 1904 workbook as in a 1900 one', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // Three columns of the analyst's own: a visit at 14:30 (built-in format 20), 30 hours on site (46) and
    // 7 hours 30 in a custom duration format ([h]:mm, whose bracket was skipped as text, leaving "mm").
    const csvs = await csvInBothSystems('times', `
col = ws.max_column + 1
ws.cell(row=1, column=col).value = 'Visit time'
ws.cell(row=2, column=col).value = datetime.time(14, 30)
ws.cell(row=2, column=col).number_format = 'h:mm'
ws.cell(row=1, column=col + 1).value = 'Time on site'
ws.cell(row=2, column=col + 1).value = datetime.timedelta(hours=30)
ws.cell(row=2, column=col + 1).number_format = '[h]:mm:ss'
ws.cell(row=1, column=col + 2).value = 'Hours this term'
ws.cell(row=2, column=col + 2).value = datetime.timedelta(hours=7, minutes=30)
ws.cell(row=2, column=col + 2).number_format = '[h]:mm'
ws.cell(row=1, column=col + 3).value = 'Call length'
ws.cell(row=2, column=col + 3).value = 150 / 86400
ws.cell(row=2, column=col + 3).number_format = 'mm:ss'
ws.cell(row=1, column=col + 4).value = 'Logged'
ws.cell(row=2, column=col + 4).value = 46000.5
ws.cell(row=2, column=col + 4).number_format = 'h:mm'`);
    expect(execFileSync(PYTHON!, ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/styles.xml").decode())', join(dir, 'times-1904.xlsx')], { encoding: 'utf8' })).toMatch(/numFmtId="20".*numFmtId="46"/s);
    const [header, first] = Papa.parse<string[]>(csvs[0]!.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const at = header!.indexOf('Visit time');
    // Once, the 1904 workbook's were read as dates and moved (01/01/1904 14:30, 02/01/1904 06:00, 01/01/1904 07:30);
    // then written as Excel holds them (0.604..., 1.25, 0.3125). Now as they show. Whole days under a time-of-day
    // format keep their number: the format hides the day, and no date system moved it.
    expect(first!.slice(at, at + 5)).toEqual(['14:30', '30:00', '07:30', '00:02:30', '46000.5']);
    expect(csvs[1]).toBe(csvs[0]);
  });

  it('an ISO date-time cell (t="d", openpyxl\'s iso_dates) keeps its time of day in the CSV, in a 1904 workbook as in a 1900 one', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const csvs = await csvInBothSystems('iso-timed', `
col = [c.value for c in ws[1]].index('Headteacher start date') + 1
ws.cell(row=2, column=col).value = datetime.datetime(2016, 9, 30, 8, 30, 15)`, true);
    expect(execFileSync(PYTHON!, ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', join(dir, 'iso-timed-1904.xlsx')], { encoding: 'utf8' })).toMatch(/t="d"><v>2016-09-30T08:30:15<\/v>/);
    const [header, first] = Papa.parse<string[]>(csvs[0]!.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    // Before: 30/09/2016, the time dropped with the reading of the ISO text.
    expect(first![header!.indexOf('Headteacher start date')]).toBe('30/09/2016 08:30:15');
    expect(csvs[1]).toBe(csvs[0]);
  });

  it('a date with a time of day reaches the CSV as the date and time the analyst sees, in a 1904 workbook as in a 1900 one, and the CSV reads back to the same categories', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // The first school's head started at 08:30 (a date-time, as a system export leaves it), in the cell's own date format.
    const csvs = await csvInBothSystems('timed', `
col = [c.value for c in ws[1]].index('Headteacher start date') + 1
ws.cell(row=2, column=col).value = datetime.datetime(2016, 9, 30, 8, 30)`);
    const [header, first] = Papa.parse<string[]>(csvs[0]!.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    // Before: 42643.35416666666, the 1900 serial, a number the 1904 workbook never held.
    expect(first![header!.indexOf('Headteacher start date')]).toBe('30/09/2016 08:30');
    expect(csvs[1]).toBe(csvs[0]);
    // The CSV, categorised again, reads the date-time as its day: every school as from the workbook.
    const again = join(dir, 'timed-again.json');
    const fromXlsx = join(dir, 'timed-1904.json');
    expect((await run('categorise', join(dir, 'timed-1904.csv'), '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', again)).code).toBe(0);
    expect((await run('categorise', join(dir, 'timed-1904.xlsx'), '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', fromXlsx)).code).toBe(0);
    const rows = readResultRows(again);
    expect(rows[0]!.errors).toEqual([]);
    expect(rows.map((r) => r.category)).toEqual(readResultRows(fromXlsx).map((r) => r.category));
    // The 1904 workbook saved again by LibreOffice (its own date-time format code): the same CSV.
    if (!have(SOFFICE, 'LibreOffice')) return;
    const resaved = resavedByLibreOffice(join(dir, 'timed-1904.xlsx'), mkdtempSync(join(tmpdir(), 'schoolrisk-lo-')));
    const viaLibreOffice = join(dir, 'timed-libreoffice.csv');
    expect((await run('categorise', resaved, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', viaLibreOffice)).code).toBe(0);
    const [head, row] = Papa.parse<string[]>(readFileSync(viaLibreOffice, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(row![head!.indexOf('Headteacher start date')]).toBe('30/09/2016 08:30');
  }, 60_000);
});

describe('schoolrisk validate', () => {
  it('on a register with only URN, School name and Phase: no framework can run it, each says which columns it lacks, exit 1', async () => {
    const p = join(dir, 'thin-validate.csv');
    writeFileSync(p, 'URN,School name,Phase\n100001,Ashby,Primary\n');
    const r = await run('validate', p, '--as-of', '2026-11-01');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ {2}oxfordshire +cannot run: no column for Ofsted judgement, Attainment or progress concern, /m);
    expect(r.out).toMatch(/^ {2}southwark +cannot run: no column for Area judgements \(Appendix 1\)/m);
    expect(r.err).toMatch(/no framework has the columns it needs in this register/);
  });

  it('on the sample register: every framework has its columns, no error, exit 0', async () => {
    const r = await run('validate', 'examples/sample-register.xlsx', '--as-of', '2026-11-01');
    expect(r.code).toBe(0);
    expect(r.out.match(/has the columns it needs/g)).toHaveLength(5);
  });

  it('with --framework: a bad cell in a column the framework reads is an error, exit 1', async () => {
    const p = join(dir, 'bad-validate.csv');
    writeFileSync(p, `${HEADER}\n${line('100001,Ashby Lane,Primary,Community school,Good*,01/03/2022,Yes,01/09/2019,N,N')}\n`);
    const r = await run('validate', p, '--framework', 'oldham', '--as-of', '2026-11-01');
    expect(r.code).toBe(1);
    expect(r.out).toContain('  [error] Row 2, column "Ofsted grade": "Good*" is not one of the allowed values;');
  });
});

describe('schoolrisk categorise: the offers in results.json are those of the cells (issue 15)', () => {
  const cellsOf = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

  it.each(['oxfordshire', 'oldham', 'herefordshire', 'wokingham', 'southwark'])('%s on the sample register: the Category and Support cells, from the JSON', async (id) => {
    const json = join(dir, `sample-${id}.json`);
    const csv = join(dir, `sample-${id}.csv`);
    for (const out of [json, csv]) expect((await run('categorise', 'examples/sample-register.xlsx', '-f', id, '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const rows = readResultRows(json);
    const cells = cellsOf(csv);
    expect(rows).toHaveLength(cells.length);
    rows.forEach((row, i) => {
      const cell = cells[i]!;
      expect(row.urn).toBe(cell.URN);
      expect(categoryText(row.categoryLabel!, row.variant?.label, row.provisional !== null, row.override !== null), `row ${row.row}`).toBe(cell.Category);
      expect([row.support!.summary, ...row.additional.map((a) => `Also: ${a.label}`)].join('\n'), `row ${row.row}`).toBe(cell.Support);
    });
    const offers = new Set(rows.flatMap((r) => r.additional.map((a) => a.id)));
    const variants = new Set(rows.flatMap((r) => (r.variant ? [r.variant.id] : [])));
    if (id === 'oxfordshire') {
      expect([...offers].sort()).toEqual(['academy-structured-conversation', 'maintained-one-day-visit', 'new-headteacher-visit']);
      expect([...variants].sort()).toEqual(['academy-order', 'beyond-four-terms']);
      const conversation = rows.find((r) => r.additional.some((a) => a.id === 'academy-structured-conversation'))!;
      expect(conversation.support!.offerFor).toBe('academy');
      expect(conversation.additional[0]!.citation.section).toBe('Academies');
    }
    if (id === 'wokingham') expect([...offers].sort()).toEqual(['la-review-of-progress', 'new-headteacher-review', 'securely-good-review']);
    if (id === 'herefordshire') expect([...variants].sort()).toEqual(['enhanced-priority', 'timetabled-support']);
    if (id === 'oxfordshire') expect(rows.filter((r) => r.override !== null).map((r) => r.override!.computedCategory).length).toBeGreaterThan(0);
  });

  it('gives the Early Years variant, the new-head visit and the one-day visit of an Oxfordshire school', async () => {
    const csv = join(dir, 'early-years.csv');
    const r0 = withRequiredColumns<unknown>(['URN', 'School name', 'Status', 'Ofsted grade', 'Inspection date', 'Attendance concern', 'Early years concern', 'Headteacher start date'], [['100001', 'Ashby Lane', '', 'Good', '01/09/2025', 'Yes', 'Yes', '01/10/2026']]);
    writeFileSync(csv, `${r0.header.join(',')}\n${r0.rows[0]!.join(',')}\n`);
    const out = join(dir, 'early-years.json');
    expect((await run('categorise', csv, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const [row] = readResultRows(out);
    expect(row).toMatchObject({ category: 'targeted', categoryLabel: 'Targeted', supportDays: 3, support: { summary: 'Up to 3 days a year', offerFor: 'maintained' }, override: null });
    expect(row!.variant).toEqual({ id: 'early-years', label: 'Early Years at risk of not being good: support from the OCC Early Years Team' });
    expect(row!.additional.map((a) => a.id)).toEqual(['maintained-one-day-visit', 'new-headteacher-visit']);
    expect(row!.additional[0]!.citation).toEqual({ section: 'Universal support', quote: 'Maintained schools will receive a minimum of a one-day visit.' });
  });
});

describe('schoolrisk categorise: the inspection outlook in results.json', () => {
  it('gives the probability in its two parts, the horizon, the window\'s coverage and the statutory latest date; the options change them', async () => {
    const csv = join(dir, 'outlook.csv');
    // Every column Oldham needs, with no concern in the others: the outlook is what the test is about.
    const r0 = withRequiredColumns<unknown>(['URN', 'School name', 'Ofsted grade', 'Inspection date', 'KS2 progress', 'KS2 RWM expected %'], [['100001', 'Ashby Lane', 'RI', '12/05/2025', '-3', '45']]);
    writeFileSync(csv, `${r0.header.join(',')}\n${r0.rows[0]!.join(',')}\n`);
    const usual = join(dir, 'outlook.json');
    const chosen = join(dir, 'outlook-chosen.json');
    expect((await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '-o', usual)).code).toBe(0);
    expect((await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '--horizon-months', '6', '--window-coverage', '90', '--inspection-rules', 'practice-2012-2019', '-o', chosen)).code).toBe(0);
    const [a] = readResultRows(usual).map((r) => r.inspection!);
    const [b] = readResultRows(chosen).map((r) => r.inspection!);
    expect(a).toMatchObject({ horizonMonths: 24, windowCoverage: 0.8, statutoryLatest: '2030-07-31', rules: 'report-cards-2025' });
    expect(a!.probability).toBeCloseTo(a!.inspectedWithinHorizon * a!.belowGoodIfInspected, 3);
    expect(a!.riskReasons[0]).toMatch(new RegExp(`^Score ${a!.riskScore}: `));
    expect(b).toMatchObject({ horizonMonths: 6, windowCoverage: 0.9, rules: 'practice-2012-2019' });
    expect(b!.inspectedWithinHorizon).toBeLessThan(a!.inspectedWithinHorizon);
    expect(b!.dueFrom! < a!.dueFrom! && b!.dueBy! > a!.dueBy!).toBe(true);
  });
});

describe('schoolrisk categorise refuses what it cannot run, with a clear message', () => {
  it.each([
    ['an unknown framework', () => ['categorise', join(dir, 'register.csv'), '-f', 'kent', '-o', join(dir, 'x.json')], /Unknown framework "kent"; expected one of: .*oxfordshire/],
    ['a missing file', () => ['categorise', join(dir, 'nope.csv'), '-f', 'oldham', '-o', join(dir, 'x.json')], /Cannot read ".*nope\.csv": no such file/],
    ['a file that is not a workbook', () => { const p = join(dir, 'fake.xlsx'); writeFileSync(p, 'not a zip'); return ['categorise', p, '-f', 'oldham', '-o', join(dir, 'x.json')]; }, /it is not an Excel workbook \(\.xlsx\): it is not a zip package/],
    ['a missing sheet', () => ['categorise', join(dir, 'title.xlsx'), '--sheet', 'Summer', '-f', 'oldham', '-o', join(dir, 'x.json')], /has no sheet "Summer"; its sheets are "Autumn 2026"/],
    ['no header row', () => { const p = join(dir, 'noheader.csv'); writeFileSync(p, '1,2,3\n4,5,6\n'); return ['categorise', p, '-f', 'oldham', '-o', join(dir, 'x.json')]; }, /has no header row/],
    [
      'a register with only URN, School name and Phase: not everyone Universal, but the columns it needs, each with the headers that would match',
      () => { const p = join(dir, 'thin.csv'); writeFileSync(p, 'URN,School name,Phase\n100001,Ashby,Primary\n'); return ['categorise', p, '-f', 'oxfordshire', '-o', join(dir, 'thin.json')]; },
      /cannot be categorised under Oxfordshire Improvement Guarantee: 9 columns it needs are not in the register\.\n {2}Column "Ofsted judgement" is not in the register; expected a column headed any of "Ofsted grade", "Ofsted rating".*\n {2}Column "Attainment or progress concern" is not in the register; expected a column headed any of "Attainment concern", "Attainment", "Progress concern", "Progress"/,
    ],
    ['a bad as-of date', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--as-of', '01/11/2026', '-o', join(dir, 'x.json')], /"01\/11\/2026" is not a date; expected YYYY-MM-DD/],
    ['a horizon that is not a number of months', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--horizon-months', '2.5', '-o', join(dir, 'x.json')], /"2\.5" is not a number of months from 1 to 120/],
    ['a coverage out of range', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--window-coverage', '0.8', '-o', join(dir, 'x.json')], /"0\.8" is not a coverage from 50 to 99 \(per cent\)/],
    ['unknown inspection rules', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--inspection-rules', 'ofsted-2030', '-o', join(dir, 'x.json')], /"ofsted-2030" is not a set of inspection rules; expected report-cards-2025 or practice-2012-2019/],
  ])('%s', async (_what, argv, message) => {
    const r = await run(...argv());
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
  });
});

describe('schoolrisk categorise from an .xlsx to a .csv', () => {
  // The .xlsx files hold the sample register's rows: ours (exceljs), and openpyxl's and LibreOffice's (test/fixtures/producers).
  it.each(['examples/sample-register.xlsx', 'test/fixtures/producers/openpyxl-register.xlsx', 'test/fixtures/producers/libreoffice-plain.xlsx'])('%s: every column of the analyst\'s as the register has it, dates as dd/mm/yyyy rather than Excel serials', async (register) => {
    const out = join(dir, `as-csv-${register.replace(/\W/g, '-')}.csv`);
    expect((await run('categorise', register, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const parse = (path: string) => Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const [header, ...source] = parse('examples/sample-register.csv');
    const written = parse(out).slice(1);
    expect(written.length).toBeGreaterThan(0);
    // The same text, or the same number as LibreOffice keeps it (15 significant digits: 0.9079999999999999 is 0.908).
    const same = (a: string, b: string) => a === b || (a !== '' && b !== '' && Number(a).toPrecision(15) === Number(b).toPrecision(15));
    const differing = written.flatMap((row, r) => header!.flatMap((h, c) => (same(row[c]!, source[r]![c]!) ? [] : [`row ${r + 2}, ${h}: ${row[c]} for ${source[r]![c]}`])));
    expect(differing).toEqual([]);
    expect(written[0]![header!.indexOf('Inspection date')]).toBe('12/02/2022');
  });
});

describe('schoolrisk categorise to JSON: the columns the register lacks', () => {
  it('are in the file as the summary says them, so a reader of the JSON alone does not take what could not fire for "no concern"', async () => {
    const out = join(dir, 'not-in-register.json');
    const r = await run('categorise', 'examples/sample-register.csv', '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', out);
    expect(r.code).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { notInRegister: { columns: string; note: string }[] };
    expect(file.notInRegister).toContainEqual({ columns: 'Years of high exclusions', note: 'Years of high exclusions: not in this register, so these could not fire: Pattern of low attendance or high exclusion over 2 years.' });
    // Each is a line of the summary.
    for (const n of file.notInRegister) expect(r.out).toContain(`  ${n.note}`);
  });
});

describe('schoolrisk categorise: an inspection option and a parameter for the same value', () => {
  it.each([
    [['--window-coverage', '90', '--param', 'windows.coverage=0.6'], '--window-coverage and the parameter windows.coverage=0.6 (--param or --params) both set windows.coverage'],
    [['--horizon-months', '12', '--param', 'risk.horizonMonths=36'], '--horizon-months and the parameter risk.horizonMonths=36 (--param or --params) both set risk.horizonMonths'],
    // At its default too: the option would win and the record name neither (found in review).
    [['--horizon-months', '12', '--param', 'risk.horizonMonths=24'], '--horizon-months and the parameter risk.horizonMonths=24 (--param or --params) both set risk.horizonMonths'],
  ])('%j is refused, nothing written, rather than one used and the other recorded', async (options, message) => {
    const out = join(dir, 'set-twice.json');
    const r = await run('categorise', 'examples/sample-register.csv', '-f', 'oxfordshire', '--as-of', '2026-11-01', ...options, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${message}: give one of them, so that the run record says the value used.`);
    expect(() => readFileSync(out)).toThrow();
  });
});
