/**
 * `schoolrisk refresh` on the sample register with official files in the published layouts (generated
 * by scripts/generate-official-data.ts: Windows-1252, NULLs, dd/mm/yyyy, grades 1-4): every change
 * listed, converters and closures matched, nothing else touched, no personal data copied, and a value the
 * analyst entered after a refresh kept as theirs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, configure, TextWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { fromExcelSerial, fromIsoDate, toUkDate } from '../../../core/dates';
import { mapHeaders } from '../../../core/headers';
import { planRefresh, type RefreshPlan } from '../../../src/run/refresh';
import { gridText } from '../../../src/workbook/cell';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { MI_HEADERS, officialSample, windows1252 } from '../../../scripts/generate-official-data';
import { have, PYTHON, resavedByLibreOffice, savedAsOds, shownAsCsv, SOFFICE } from '../../support/externalTools';
import { withoutAdditions } from '../../support/stylesPart';
import { encodeWindows1252, WINDOWS_1252_HIGH_TEXT } from '../../support/windows1252Bytes';
import { datesInColumn, saveInDateSystem } from '../../support/dateSystems';
import { readResultRows } from '../../support/resultsFile';
import type { ResultRow } from '../../../src/run/resultsJson';

configure({ useWebWorkers: false });
let dir: string;
const sample = officialSample();

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

const refresh = (register: string, out: string, ...more: string[]) =>
  run('refresh', register, '--ofsted', 'examples/ofsted-mi-sample.csv', '--gias', 'examples/gias-sample.csv', '--la', '999', '--as-of', '2026-11-01', '-o', out, ...more);

let plan: RefreshPlan;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-refresh-'));
  const r = await refresh('examples/sample-register.xlsx', join(dir, 'refreshed.xlsx'), '--report', join(dir, 'changes.json'));
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  plan = JSON.parse(readFileSync(join(dir, 'changes.json'), 'utf8')) as RefreshPlan;
});

describe('refresh from the monthly MI and a GIAS extract', () => {
  it('fills the new report cards and the ungraded inspections, each change listed with its old and new value and source', () => {
    for (const urn of sample.changed.reportCards) {
      const fields = plan.changes.filter((c) => c.urn === urn).map((c) => c.field);
      expect(fields).toEqual(expect.arrayContaining(['reportCardDate', 'rcInclusion', 'rcLeadershipGovernance']));
    }
    // The first found safeguarding not met, where the register said it was effective.
    expect(plan.changes.find((c) => c.urn === sample.changed.reportCards[0] && c.field === 'safeguardingEffective')).toMatchObject({ newText: 'No' });
    for (const urn of sample.changed.ungraded) {
      const outcome = plan.changes.find((c) => c.urn === urn && c.field === 'ungradedOutcome')!;
      expect(outcome.newText).toBe('School remains Good (Concerns) - S5 Next');
      expect(outcome.source).toBe('ofsted-mi-sample.csv');
      expect(outcome.sourceDate).toMatch(/^\d{2}\/\d{2}\/2026$/);
    }
    // Nothing else: a school the MI says the same of is not touched.
    const touched = new Set(plan.changes.map((c) => c.urn));
    expect([...touched].sort()).toEqual([...sample.changed.reportCards, ...sample.changed.ungraded].sort());
  });

  it('matches the converter by its predecessor URN, lists the closed school and the authority\'s new ones (not a neighbour\'s)', () => {
    expect(plan.byPredecessor).toEqual([expect.objectContaining({ urn: sample.changed.converter.from, newUrn: sample.changed.converter.to })]);
    expect(plan.notInOfficial.map((s) => s.urn)).toEqual([sample.changed.closed]);
    expect(plan.notInRegister.map((s) => s.urn).sort()).toEqual([...sample.changed.newSchools].sort());
    // Read as Windows-1252: the accented name comes through whole.
    expect(plan.notInRegister.map((s) => s.name)).toContain('École Sainte-Thérèse Primary');
  });

  it('writes the changed cells in place and leaves every other cell of the register as it was', async () => {
    const before = (await readSheetGrid('examples/sample-register.xlsx')).values;
    const after = (await readSheetGrid(join(dir, 'refreshed.xlsx'))).values;
    const header = before[0]!.map((h) => gridText(h));
    const changed = new Set(plan.changes.map((c) => `${c.row}|${header.indexOf(c.header)}`));
    expect(changed.has(`${plan.changes[0]!.row}|-1`)).toBe(false);
    for (let r = 0; r < before.length; r++) {
      for (let c = 0; c < before[0]!.length; c++) {
        if (changed.has(`${r}|${c}`)) continue;
        expect([r, c, after[r]![c]]).toEqual([r, c, before[r]![c]]);
      }
    }
    const rc = header.indexOf('Report card date');
    const first = plan.changes.find((c) => c.field === 'reportCardDate')!;
    expect(typeof after[first.row]![rc]).toBe('number'); // a date, as an Excel date
  });

  it('lists everything on a Changes sheet, remembers what it wrote on a hidden sheet, and copies no personal data', async () => {
    const changes = (await readSheetGrid(join(dir, 'refreshed.xlsx'), 'Changes')).values;
    expect(changes[0]).toEqual(['URN', 'School', 'Column', 'Was', 'Now', 'Source', 'Source date', 'What', 'Why']);
    expect(changes.map((r) => gridText(r[0]))).toEqual(expect.arrayContaining([`Changed (${plan.changes.length})`, ...sample.changed.newSchools, sample.changed.closed]));
    const workbook = await new ZipReader(new BlobReader(new Blob([readFileSync(join(dir, 'refreshed.xlsx'))]))).getEntries();
    const wbXml = await (workbook.find((e) => e.filename === 'xl/workbook.xml') as FileEntry).getData(new TextWriter());
    expect(wbXml).toMatch(/<sheet name="SchoolRisk refresh" sheetId="\d+" state="hidden"/);
    // The heads' names in the GIAS extract are never read, so never written.
    const heads = readFileSync('examples/gias-sample.csv', 'latin1').split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',').slice(-2)).flat();
    const everything = [readFileSync(join(dir, 'changes.json'), 'utf8'), ...await Promise.all(workbook.filter((e): e is FileEntry => !e.directory).map((e) => e.getData(new TextWriter())))].join('\n');
    for (const name of new Set(heads)) expect(everything).not.toContain(name);
  });
});

describe('a value the analyst entered after the refresh', () => {
  it('is a conflict, kept as theirs and listed, unless --prefer-official', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // The analyst corrects one refreshed cell by hand.
    const target = plan.changes.find((c) => c.field === 'rcLeadershipGovernance')!;
    const edited = join(dir, 'edited.xlsx');
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
col = [c.value for c in ws[1]].index(sys.argv[3]) + 1
ws.cell(${target.row + 1}, col).value = 'Strong standard'
wb.save(sys.argv[2])`, join(dir, 'refreshed.xlsx'), edited, target.header]);
    const again = await refresh(edited, join(dir, 'again.xlsx'), '--report', join(dir, 'again.json'));
    expect(again.code).toBe(0);
    const second = JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')) as RefreshPlan;
    expect(second.conflicts).toEqual([expect.objectContaining({ urn: target.urn, field: 'rcLeadershipGovernance', oldText: 'Strong standard', kind: 'conflict' })]);
    expect(second.conflicts[0]!.why).toMatch(/changed in the register since the refresh of 01\/11\/2026 wrote "Needs attention"|wrote "Expected standard"/);
    expect(second.changes).toEqual([]);
    const kept = (await readSheetGrid(join(dir, 'again.xlsx'))).values;
    expect(kept[target.row]![kept[0]!.indexOf(target.header)]).toBe('Strong standard');

    const preferred = await refresh(edited, join(dir, 'preferred.xlsx'), '--report', join(dir, 'preferred.json'), '--prefer-official');
    expect(preferred.code).toBe(0);
    const third = JSON.parse(readFileSync(join(dir, 'preferred.json'), 'utf8')) as RefreshPlan;
    expect(third.changes).toEqual([expect.objectContaining({ urn: target.urn, kind: 'official preferred' })]);
  });
});

describe('a 1904-date-system workbook (old Mac Excel), saved by openpyxl', () => {
  it('refresh writes each date it fills or updates as that calendar date, and categorise then agrees with the 1900-system file', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const results: Record<string, { plan: RefreshPlan; rows: ResultRow[] }> = {};
    for (const system of ['1900', '1904'] as const) {
      const register = join(dir, `register-${system}.xlsx`);
      saveInDateSystem('examples/sample-register.xlsx', register, system);
      const refreshed = join(dir, `refreshed-${system}.xlsx`);
      const r = await refresh(register, refreshed, '--report', join(dir, `refreshed-${system}.json`));
      expect(r.code).toBe(0);
      const changes = JSON.parse(readFileSync(join(dir, `refreshed-${system}.json`), 'utf8')) as RefreshPlan;
      const dated = changes.changes.filter((c) => /^\d{2}\/\d{2}\/\d{4}$/.test(c.newText));
      expect(dated.map((c) => `${c.field} ${c.kind}`)).toEqual(expect.arrayContaining(['reportCardDate filled', 'ungradedInspectionDate filled', 'ungradedInspectionDate updated']));
      for (const header of new Set(dated.map((c) => c.header))) {
        const read = datesInColumn(refreshed, header, system);
        for (const c of dated.filter((d) => d.header === header)) expect([system, c.urn, header, read[String(c.row)]]).toEqual([system, c.urn, header, c.newText]);
      }
      const categorised = join(dir, `categorised-${system}.json`);
      expect((await run('categorise', refreshed, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', categorised)).code).toBe(0);
      results[system] = { plan: changes, rows: readResultRows(categorised) };
    }
    expect(results['1904']!.plan.changes).toEqual(results['1900']!.plan.changes);
    expect(results['1904']!.rows.filter((r) => r.errors.length > 0)).toEqual([]);
    expect(results['1904']!.rows.map((r) => r.category)).toEqual(results['1900']!.rows.map((r) => r.category));
  });

  it('a date pasted as a value (a number in General format) is read as the workbook\'s serial of its day: the same changes as the 1900-system file', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const plans: RefreshPlan[] = [];
    for (const system of ['1900', '1904'] as const) {
      const register = join(dir, `general-dates-${system}.xlsx`);
      saveInDateSystem('examples/sample-register.xlsx', register, system, [], ['Inspection date', 'Ungraded inspection date']);
      const report = join(dir, `general-dates-${system}.json`);
      const refreshed = join(dir, `general-dates-refreshed-${system}.xlsx`);
      expect((await refresh(register, refreshed, '--report', report)).code).toBe(0);
      const plan = JSON.parse(readFileSync(report, 'utf8')) as RefreshPlan;
      // Written into the General cells as dates of the workbook's system, as another program reads them.
      const written = datesInColumn(refreshed, 'Ungraded inspection date', system);
      for (const c of plan.changes.filter((d) => d.field === 'ungradedInspectionDate')) expect(`${system} ${c.urn} ${written[String(c.row)]}`).toBe(`${system} ${c.urn} ${c.newText}`);
      plans.push(plan);
    }
    expect(plans[0]!.changes.filter((c) => c.field === 'ungradedInspectionDate').length).toBeGreaterThan(0);
    expect(plans[1]!.changes).toEqual(plans[0]!.changes);
  });

  it('a date written into a cell the analyst formatted, but not as a date (a highlighted blank), is read back as the same date in both systems', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const results: Record<string, { plan: RefreshPlan; rows: ResultRow[]; read: string[] }> = {};
    for (const system of ['1900', '1904'] as const) {
      const register = join(dir, `highlighted-${system}.xlsx`);
      saveInDateSystem('examples/sample-register.xlsx', register, system, ['Report card date', 'Ungraded inspection date']);
      const refreshed = join(dir, `highlighted-refreshed-${system}.xlsx`);
      expect((await refresh(register, refreshed, '--report', join(dir, `highlighted-${system}.json`))).code).toBe(0);
      const plan = JSON.parse(readFileSync(join(dir, `highlighted-${system}.json`), 'utf8')) as RefreshPlan;
      // Filled into highlighted blanks: the dates the report lists, as our reader reads the cells back.
      const grid = (await readSheetGrid(refreshed)).values;
      const header = grid[0]!.map(String);
      const read = plan.changes.filter((c) => c.kind === 'filled' && /^\d{2}\/\d{2}\/\d{4}$/.test(c.newText)).map((c) => {
        const v = grid[c.row]![header.indexOf(c.header)];
        const shown = typeof v === 'number' ? toUkDate(fromExcelSerial(v)!) : String(v);
        expect(`${c.urn} ${c.header} ${shown}`).toBe(`${c.urn} ${c.header} ${c.newText}`);
        return `${c.urn} ${c.header} ${shown}`;
      });
      expect(read.length, system).toBeGreaterThan(0);
      // And as another program reads them: dates of the workbook's system (the cell's format became a date format).
      const filled = plan.changes.filter((c) => c.kind === 'filled' && /^\d{2}\/\d{2}\/\d{4}$/.test(c.newText));
      for (const header of new Set(filled.map((c) => c.header))) {
        const dates = datesInColumn(refreshed, header, system);
        for (const c of filled.filter((d) => d.header === header)) expect(`${system} ${c.urn} ${header} ${dates[String(c.row)]}`).toBe(`${system} ${c.urn} ${header} ${c.newText}`);
      }
      const categorised = join(dir, `highlighted-categorised-${system}.json`);
      expect((await run('categorise', refreshed, '-f', 'oxfordshire', '--as-of', '2026-11-01', '-o', categorised)).code).toBe(0);
      results[system] = { plan, rows: readResultRows(categorised), read };
    }
    expect(results['1904']!.read).toEqual(results['1900']!.read);
    expect(results['1904']!.rows.map((r) => r.category)).toEqual(results['1900']!.rows.map((r) => r.category));
  });
});

describe('a date written into a cell whose format shows no date (a highlighted blank in General, a text cell)', () => {
  /** The sample register with the blanks of its two inspection-date columns highlighted in General: italic red on yellow. */
  const highlighted = (to: string) => {
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
from openpyxl.styles import Font, PatternFill
wb = openpyxl.load_workbook('examples/sample-register.xlsx'); ws = wb['Register']
header = [c.value for c in ws[1]]
for h in ['Report card date', 'Ungraded inspection date']:
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=header.index(h) + 1)
        if cell.value is None or cell.value == '':
            cell.value = None
            cell.fill = PatternFill('solid', fgColor='FFFF00')
            cell.font = Font(italic=True, color='FF0000')
            cell.number_format = 'General'
wb.save(sys.argv[1])`, to]);
    return to;
  };
  /** Each cell as openpyxl reads it in the copy: the date it shows, its number format, and whether its font, fill, border, alignment and protection are the register's. */
  const cellsRead = (register: string, copy: string, cells: readonly (readonly [number, string])[]) => JSON.parse(execFileSync(PYTHON!, ['-c', `
import datetime, json, openpyxl, sys
before = openpyxl.load_workbook(sys.argv[1]).worksheets[0]; after = openpyxl.load_workbook(sys.argv[2]).worksheets[0]
header = [c.value for c in after[1]]
out = []
for row, h in json.loads(sys.argv[3]):
    a = before.cell(row + 1, header.index(h) + 1); b = after.cell(row + 1, header.index(h) + 1)
    shown = b.value.strftime('%d/%m/%Y') if b.is_date and isinstance(b.value, datetime.datetime) else repr(b.value)
    out.append({'cell': b.coordinate, 'shown': shown, 'format': b.number_format, 'styled': a.has_style,
                'kept': all(repr(getattr(a, k)) == repr(getattr(b, k)) for k in ('font', 'fill', 'border', 'alignment', 'protection'))})
print(json.dumps(out))`, register, copy, JSON.stringify(cells)], { encoding: 'utf8' })) as { cell: string; shown: string; format: string; styled: boolean; kept: boolean }[];
  const stylesOf = async (file: string) => {
    const zip = new ZipReader(new BlobReader(new Blob([readFileSync(file)])));
    const entry = (await zip.getEntries()).find((e) => e.filename === 'xl/styles.xml') as FileEntry;
    return entry.getData(new TextWriter());
  };
  const datedChanges = (report: string) => (JSON.parse(readFileSync(report, 'utf8')) as RefreshPlan).changes.filter((c) => /^\d{2}\/\d{2}\/\d{4}$/.test(c.newText));

  it.each(['openpyxl', 'LibreOffice from a CSV', 'LibreOffice from an .ods'] as const)('shows as a date in the cell\'s own font and fill (register made by %s): openpyxl reads a date, LibreOffice shows dd/mm/yyyy, the styles part only gains formats', async (producer) => {
    if (!have(PYTHON, 'openpyxl') || !have(SOFFICE, 'LibreOffice')) return;
    const sub = join(dir, `general-${producer.replace(/\W+/g, '-')}`);
    mkdirSync(sub, { recursive: true });
    // LibreOffice's registers: the sample CSV converted headless (its cells text-formatted where it kept a date as text), and
    // the highlighted register saved as .ods and that converted (its highlighted blanks in LibreOffice's General, 164).
    const register = producer === 'openpyxl' ? highlighted(join(sub, 'register.xlsx'))
      : producer === 'LibreOffice from a CSV' ? resavedByLibreOffice('examples/sample-register.csv', sub)
        : resavedByLibreOffice(savedAsOds(highlighted(join(dir, 'highlighted-for-ods.xlsx')), sub), sub);
    const copy = join(sub, 'refreshed.xlsx');
    expect((await refresh(register, copy, '--report', join(sub, 'changes.json'))).code).toBe(0);
    const dated = datedChanges(join(sub, 'changes.json'));
    expect(dated.map((c) => c.kind)).toEqual(expect.arrayContaining(['filled', 'updated']));

    const read = cellsRead(register, copy, dated.map((c) => [c.row, c.header]));
    expect(read.map((r) => `${r.cell} ${r.shown} ${r.format}`)).toEqual(dated.map((c, i) => `${read[i]!.cell} ${c.newText} dd/mm/yyyy`));
    // The analyst's own look of each cell they had formatted is kept (the highlight; LibreOffice's text cells).
    expect(read.filter((r) => r.styled).length).toBeGreaterThan(0);
    expect(read.filter((r) => r.styled && !r.kept)).toEqual([]);

    const csv = JSON.parse(execFileSync(PYTHON!, ['-c', 'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8")))))', shownAsCsv(copy, sub)], { encoding: 'utf8' })) as string[][];
    for (const c of dated) expect(`${c.urn} ${c.header} ${csv[c.row]![csv[0]!.indexOf(c.header)]}`).toBe(`${c.urn} ${c.header} ${c.newText}`);

    const [before, after] = [await stylesOf(register), await stylesOf(copy)];
    const added: Record<string, string[]> = {};
    expect(withoutAdditions(after, before, added)).toBe(before);
    expect(Object.keys(added).filter((k) => !['numFmts', 'fonts', 'fills', 'cellXfs'].includes(k))).toEqual([]);
  });

  it('a second refresh writing into cells of the same format reuses the date form the first added', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const register = highlighted(join(dir, 'general-twice.xlsx'));
    // The first refresh from an MI without the ungraded inspections; the second, from the whole MI, fills them.
    const mi = readFileSync('examples/ofsted-mi-sample.csv', 'latin1').split('\r\n');
    const partMi = join(dir, 'mi-no-ungraded.csv');
    writeFileSync(partMi, mi.filter((line) => !sample.changed.ungraded.includes(line.split(',')[0]!)).join('\r\n'), 'latin1');
    const first = join(dir, 'general-twice-1.xlsx');
    const second = join(dir, 'general-twice-2.xlsx');
    expect((await run('refresh', register, '--ofsted', partMi, '--la', '999', '--as-of', '2026-11-01', '-o', first, '--report', join(dir, 'general-twice-1.json'))).code).toBe(0);
    expect((await refresh(first, second, '--report', join(dir, 'general-twice-2.json'))).code).toBe(0);
    const [one, two] = [datedChanges(join(dir, 'general-twice-1.json')), datedChanges(join(dir, 'general-twice-2.json'))];
    expect(one.map((c) => c.field)).toContain('reportCardDate');
    expect(two.filter((c) => c.kind === 'filled').map((c) => c.field)).toContain('ungradedInspectionDate');
    expect(cellsRead(register, second, [...one, ...two].map((c) => [c.row, c.header])).filter((r) => r.styled && (!r.kept || r.format !== 'dd/mm/yyyy'))).toEqual([]);
    // Nothing new in the styles: the highlight's date form (and every format of ours) is the first refresh's.
    expect(await stylesOf(second)).toBe(await stylesOf(first));
  });
});

describe('a school kept below the register\'s table', () => {
  it('is not the register\'s: not refreshed, listed as not in the register, its cells as they were, and the rows below said', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // The analyst keeps a school opening next year two rows below the table "Register" (A1:..201), with its URN.
    const [urn] = sample.changed.newSchools;
    const path = join(dir, 'school-below.xlsx');
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook('examples/sample-register.xlsx'); ws = wb.worksheets[0]
ws['A203'] = 'Opening next year'; ws['A204'] = int(sys.argv[2]); ws['C204'] = 'Ecole Sainte-Therese Primary'
wb.save(sys.argv[1])`, path, urn!]);
    const out = join(dir, 'school-below.out.xlsx');
    const r = await refresh(path, out, '--report', join(dir, 'school-below.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Rows 203 to 204 are below your table "Register", so not part of the register: not read as schools, and nothing was written in them\./);
    const report = JSON.parse(readFileSync(join(dir, 'school-below.json'), 'utf8')) as RefreshPlan;
    expect(report.changes.filter((c) => c.urn === urn)).toEqual([]);
    expect(report.notInRegister.map((s) => s.urn)).toContain(urn);
    expect(Math.max(...report.changes.map((c) => c.row))).toBeLessThanOrEqual(200);
    const cells = (await readSheetGrid(out)).values.slice(202, 204).map((row) => row.map(gridText).filter((x) => x !== ''));
    expect(cells).toEqual([['Opening next year'], [urn, 'Ecole Sainte-Therese Primary']]);
  });
});

describe('an MI file in Windows-1252 with typographic characters', () => {
  it('lists the new school by its name as written: all 27 characters of 0x80-0x9F, in the report and on the Changes sheet', async () => {
    const name = `St Mary’s “Good” – Primary ${WINDOWS_1252_HIGH_TEXT}`;
    const text = readFileSync('examples/ofsted-mi-sample.csv', 'latin1');
    expect(text).toContain('École Sainte-Thérèse Primary');
    const mi = join(dir, 'mi-typographic.csv');
    writeFileSync(mi, encodeWindows1252(text.replace('École Sainte-Thérèse Primary', name)));
    const r = await run('refresh', 'examples/sample-register.xlsx', '--ofsted', mi, '--la', '999', '--as-of', '2026-11-01', '-o', join(dir, 'typographic.xlsx'), '--report', join(dir, 'typographic.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Note: mi-typographic\.csv: The file is not UTF-8: it was read as Windows-1252/m);
    const report = JSON.parse(readFileSync(join(dir, 'typographic.json'), 'utf8')) as RefreshPlan;
    expect(report.notInRegister.map((s) => s.name)).toContain(name);
    const changes = (await readSheetGrid(join(dir, 'typographic.xlsx'), 'Changes')).values;
    expect(changes.find((row) => row[1] === name)).toBeDefined();
  });
});

describe('files that are not what they say', () => {
  it('an MI without its published columns: one line naming what is missing, nothing written', async () => {
    const wrong = join(dir, 'not-mi.csv');
    writeFileSync(wrong, windows1252(`URN,School name,Something else\r\n990001,A school,x\r\n`));
    const r = await run('refresh', 'examples/sample-register.xlsx', '--ofsted', wrong, '--as-of', '2026-11-01', '-o', join(dir, 'never.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^schoolrisk: "not-mi\.csv" is not Ofsted's management information \("state-funded schools - latest inspections"\): it lacks the columns "LAESTAB", "Latest OEIF overall effectiveness", /);
    expect(MI_HEADERS).toContain('Latest OEIF overall effectiveness');
  });
});

describe('the register knows better', () => {
  it('an inspection the register dates later than the official record is kept as the register has it, and says why', () => {
    const header = ['URN', 'School name', 'Ofsted grade', 'Inspection date'];
    const register = { values: [header, ['990001', 'A school', 'Requires improvement', '12/10/2026']], headerIndex: 0, mapping: mapHeaders(header) };
    const mi = MI_HEADERS.map((h) => h);
    const row = MI_HEADERS.map((h) => ({ URN: '990001', LAESTAB: '9992000', 'School name': 'A school', 'Latest OEIF overall effectiveness': '2', 'Inspection start date of latest OEIF graded inspection': '01/03/2022', 'URN at time of latest OEIF graded inspection': '990001' } as Record<string, string>)[h] ?? 'NULL');
    const p = planRefresh(register, { name: 'mi.csv', values: [mi, row] }, null, { asOf: fromIsoDate('2026-11-01')! });
    expect(p.changes).toEqual([]);
    expect(p.conflicts.map((c) => [c.field, c.oldText, c.newText])).toEqual([['ofstedGrade', 'Requires improvement', 'Good'], ['inspectionDate', '12/10/2026', '01/03/2022']]);
    expect(p.conflicts[0]!.why).toBe('the register\'s inspection date (12/10/2026) is later than the official one (01/03/2022)');
  });
});
