/**
 * The bad-input corpus (test/fixtures/bad-input, made by scripts/generate-bad-input.ts) on the task pane
 * double: each single-sheet register is loaded into the Excel double as Office.js would show it, then run
 * as the pane runs it (read the register through the Office port, plan, place the problems: Validate;
 * then write through the port: Categorise). Each case gives the message its manifest says (the same
 * regular expression as the command-line test, test/hardening/badInput.test.ts), and no cell of the
 * analyst's changes. Then school names that look like markup or formulas are written and read back as
 * text in the result block, the SIG summary and the run log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../core/dates';
import { frameworkById } from '../../core/frameworks';
import { RESULT_HEADERS, RunError, type RunPlan } from '../../src/run/registerRun';
import { SUMMARY_SHEET } from '../../src/run/packSheets';
import { RUN_LOG_HEADERS, RUN_LOG_SHEET } from '../../src/run/runLog';
import { placeProblems, placeRegisterProblems, planRegion } from '../../src/run/taskpaneRun';
import { categoriseOnPort } from '../support/wholeRun';
import type { Cell } from '../../src/workbook/cell';
import { cellFromExcelJs } from '../support/exceljsCells';
import { createOfficePort } from '../../src/workbook/office';
import { parseCsv } from '../../src/workbook/readFile';
import { BAD_INPUT_FIXTURES, badInputManifest } from '../support/badInputCorpus';
import { ExcelDouble, type SheetModel } from '../support/excelDouble';

const FIXTURES = BAD_INPUT_FIXTURES;
const REGISTER = 'Register';

const manifest = badInputManifest;
const ASOF = fromIsoDate(manifest.asOf)!;

/**
 * A fixture's first sheet as Office.js `Range.values` gives it: numbers (dates as serials), strings,
 * booleans, '' for blanks, an error value as its text, a formula as its result, and '' for every cell a
 * merge covers except its top-left one (Excel keeps the value there only), with the sheet's merged areas.
 * `null` when the file is not a single-sheet register (not a workbook, or more than one sheet): nothing to
 * load into one sheet.
 */
async function officeSheet(file: string): Promise<{ grid: Cell[][]; merges: string[] } | null> {
  const bytes = readFileSync(join(FIXTURES, file));
  if (file.endsWith('.csv')) return { grid: parseCsv(bytes), merges: [] };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  if (wb.worksheets.length !== 1) return null;
  const ws = wb.worksheets[0]!;
  const width = ws.actualColumnCount === 0 ? 0 : ws.columnCount;
  const grid: Cell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    grid.push(Array.from({ length: width }, (_, c) => {
      const cell = row.getCell(c + 1);
      return cell.isMerged && cell.master.address !== cell.address ? '' : cellFromExcelJs(cell.value);
    }));
  }
  return { grid, merges: [...(ws.model.merges ?? [])] };
}


const isBlank = (grid: readonly (readonly Cell[])[]) => grid.every((r) => r.every((v) => v === ''));

/** Cases left out, each with why: the pane never has the cell values the case is about. */
const LEFT_OUT: Record<string, string> = {};
const loaded = new Map<string, Cell[][]>();
const mergesOf = new Map<string, string[]>();
const emptySheets = new Set<string>();
// Loaded while the tests are collected, so the list of cases run is known and named before any runs.
for (const c of manifest.cases) {
  const read = await officeSheet(c.file);
  const grid = read?.grid ?? null;
  if (grid === null) LEFT_OUT[c.id] = 'not a single-sheet workbook (not a workbook at all, or the register is not on the only sheet)';
  else if (isBlank(grid)) {
    LEFT_OUT[c.id] = 'an empty sheet: the pane refuses it when reading, before any cell value is looked at';
    emptySheets.add(c.id);
  }
  else {
    loaded.set(c.id, grid);
    mergesOf.set(c.id, read!.merges);
  }
}
const runnable = manifest.cases.filter((c) => loaded.has(c.id));

/** A fresh double with the grid on its only sheet, and the pane's port over it. */
function setUp(grid: readonly (readonly Cell[])[], sheetName = REGISTER, merges: readonly string[] = []) {
  const double = new ExcelDouble();
  const sheet = double.addSheet(sheetName, grid);
  for (const m of merges) sheet.merge(m);
  const port = createOfficePort({ run: double.run, settings: double.settings });
  return { double, sheet, port };
}

/** The loaded box of the sheet, as it is now. */
const analystCells = (sheet: SheetModel, grid: readonly (readonly Cell[])[]) =>
  sheet.grid({ top: 0, left: 0, bottom: grid.length - 1, right: Math.max(...grid.map((r) => r.length)) - 1 });

/** A sheet row's result cells, in RESULT_COLUMNS order, wherever placement put each column (the sheet starts at A1, so grid and sheet columns agree). */
const resultCells = (sheet: SheetModel, plan: RunPlan, row: number) => plan.placement.columns.map((c) => sheet.value(row, c));

/** Every cell of the analyst's box still holds what was loaded, and none became a formula. */
function expectAnalystCellsUnchanged(sheet: SheetModel, grid: readonly (readonly Cell[])[]) {
  const width = Math.max(...grid.map((r) => r.length));
  const padded = grid.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  expect(analystCells(sheet, grid)).toEqual(padded);
  for (let r = 0; r < grid.length; r++) for (let c = 0; c < width; c++) expect(sheet.cell(r, c)?.formula, `${r},${c}`).toBeUndefined();
}

describe('the bad-input corpus on the task pane double', () => {
  it('runs at least 100 cases; each case left out says why', () => {
    expect(Object.keys(LEFT_OUT).length + loaded.size).toBe(manifest.cases.length);
    for (const [id, why] of Object.entries(LEFT_OUT)) expect(why, id).not.toBe('');
    expect(runnable.length).toBeGreaterThanOrEqual(100);
  });

  it.each(Object.entries(LEFT_OUT))('left out: %s, because %s', async (id, why) => {
    expect(manifest.cases.some((c) => c.id === id)).toBe(true);
    expect(loaded.has(id)).toBe(false);
    expect(why.length).toBeGreaterThan(0);
    if (emptySheets.has(id)) {
      // What the pane does instead: the read says the sheet is empty, and nothing is written.
      const { double, port } = setUp([]);
      await expect(port.readRegister()).rejects.toThrow(/Sheet "Register" is empty/);
      expect(double.sheets.map((s) => s.name)).toEqual([REGISTER]);
      expect(double.sheet(REGISTER)!.usedBox()).toBeNull();
    }
  });

  it.each(runnable.map((c) => [c.id, c] as const))('%s: the message is in the problem list and no analyst cell changes', async (_id, c) => {
    const grid = loaded.get(c.id)!;
    const framework = frameworkById(c.framework)!;
    const { double, sheet, port } = setUp(grid, REGISTER, mergesOf.get(c.id));
    const region = await port.readRegister();
    expect(region.sheet).toBe(REGISTER);
    // For an accepted case the manifest's message is the literal text kept, not a pattern.
    const pattern = c.expect === 'accepted' ? null : new RegExp(c.message);

    if (c.expect === 'fatal') {
      // Validate: the pane shows the reason the register cannot run; Categorise writes nothing.
      expect(() => planRegion(region, framework, ASOF)).toThrow(RunError);
      expect(() => planRegion(region, framework, ASOF)).toThrow(pattern!);
      // A register without the columns the framework needs: the pane lists them, one per column, no cell to select.
      const refused = (() => {
        try {
          planRegion(region, framework, ASOF);
        } catch (e) {
          return e as RunError;
        }
      })()!;
      const listed = placeRegisterProblems(refused.problems);
      expect(listed.length).toBe(/columns? it needs/.test(c.message) ? Number(/(\d+) columns it needs/.exec(c.message)?.[1] ?? 1) : 0);
      for (const p of listed) expect(p).toMatchObject({ severity: 'error', cell: null, message: expect.stringMatching(/^Column ".+" is not in the register; expected a column headed /) });
      await expect(categoriseOnPort(port, region, framework, ASOF)).rejects.toThrow(pattern!);
      expectAnalystCellsUnchanged(sheet, grid);
      expect(double.sheets.map((s) => s.name)).toEqual([REGISTER]);
      expect(sheet.usedBox()).toEqual(analystBox(grid));
      return;
    }

    // Validate.
    const plan = planRegion(region, framework, ASOF);
    const problems = placeProblems(region, plan);
    const messages = problems.map((p) => p.message);
    if (pattern === null) {
      expect(problems.filter((p) => p.row === c.row)).toEqual([]);
    } else if (c.expect === 'provisional') {
      // Not a problem: the row is categorised (a missing-data code may leave a note).
      expect(problems.filter((p) => p.row === c.row && p.severity === 'error')).toEqual([]);
    } else {
      expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
      const placed = problems.find((p) => pattern.test(p.message))!;
      expect(placed.row).toBe(c.row);
      if (c.row! > 1) expect(placed.cell).toMatchObject({ sheet: REGISTER, row: c.row! - 1 });
    }

    // Categorise.
    const { report } = await categoriseOnPort(port, region, framework, ASOF, { ranAt: new Date(Date.UTC(2026, 10, 1)) });
    expect(report).toMatchObject({ status: 'done', packWritten: true });
    expectAnalystCellsUnchanged(sheet, grid);
    expect(resultCells(sheet, plan, 0)).toEqual([...RESULT_HEADERS]);
    const rowCells = resultCells(sheet, plan, c.row! - 1);
    const problemsCell = String(rowCells[RESULT_HEADERS.indexOf('Problems')]);
    const category = rowCells[RESULT_HEADERS.indexOf('Category')];
    if (c.expect === 'provisional') {
      expect(String(category)).toMatch(/ \(provisional\)$/);
      expect(String(rowCells[RESULT_HEADERS.indexOf('Missing evidence')])).toMatch(pattern!);
    } else if (c.expect === 'accepted') {
      expect(problemsCell).toBe('');
      expect(category).not.toBe('');
      // The text is kept as it was, as text: never a formula.
      const col = grid[0]!.indexOf(c.column!);
      expect(sheet.value(c.row! - 1, col)).toBe(c.message);
      expect(sheet.cell(c.row! - 1, col)?.formula).toBeUndefined();
    } else if (c.expect === 'register-warning') {
      expect(plan.rows.every((r) => r.outcome.result !== null)).toBe(true);
    } else {
      expect(problemsCell.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(pattern!)]));
      if (c.expect === 'row-error') expect(category).toBe('');
      else expect(category).not.toBe('');
    }
    // Nothing the run wrote became a formula.
    for (const s of double.sheets) for (const cell of s.cells.values()) expect(cell.formula, s.name).toBeUndefined();
  });
});

function analystBox(grid: readonly (readonly Cell[])[]) {
  let box: { top: number; left: number; bottom: number; right: number } | null = null;
  grid.forEach((r, i) => r.forEach((v, j) => {
    if (v === '') return;
    box = box ? { top: Math.min(box.top, i), left: Math.min(box.left, j), bottom: Math.max(box.bottom, i), right: Math.max(box.right, j) } : { top: i, left: j, bottom: i, right: j };
  }));
  return box;
}

describe('a merged header on the task pane double', () => {
  it('reads as the analyst sees it: the header twice, reported as the command line reports it, not a column silently dropped', async () => {
    const c = manifest.cases.find((x) => x.id === 'merged-header-cells')!;
    const { grid, merges } = (await officeSheet(c.file))!;
    expect(merges).toEqual(['E1:F1']);
    const { sheet, port } = setUp(grid, REGISTER, merges);
    // Range.values: the covered cell is blank; the port also reads where the merge is.
    const region = await port.readRegister();
    expect([region.values[0]![4], region.values[0]![5]]).toEqual(['Ofsted grade', '']);
    expect(region.merged).toEqual([{ top: 0, left: 4, bottom: 0, right: 5 }]);
    const plan = planRegion(region, frameworkById(c.framework)!, ASOF);
    expect(placeProblems(region, plan).map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(c.message))]));
    expectAnalystCellsUnchanged(sheet, grid);
  });

  it('on a host without merged-area support (Excel 2019), reads Range.values as they are and still runs', async () => {
    const c = manifest.cases.find((x) => x.id === 'merged-header-cells')!;
    const { grid, merges } = (await officeSheet(c.file))!;
    const double = new ExcelDouble();
    const sheet = double.addSheet(REGISTER, grid);
    for (const m of merges) sheet.merge(m);
    const port = createOfficePort({ run: double.run, settings: double.settings, support: { mergedAreas: false } });
    const region = await port.readRegister();
    expect(region.merged).toEqual([]);
    const { plan, report } = await categoriseOnPort(port, region, frameworkById(c.framework)!, ASOF);
    expect(report.status).toBe('done');
    expect(plan.rows.every((r) => r.outcome.result !== null)).toBe(true);
    expectAnalystCellsUnchanged(sheet, grid);
  });
});

describe('school names are written and read back as text', () => {
  const HTML = '<img src=x onerror=alert(1)>';
  const FORMULA = '=HYPERLINK("http://x","y")';

  it(`"${HTML}" and "${FORMULA}": in the result block, the SIG summary and the run log, never a formula`, async () => {
    // A good register from the corpus, its two first schools renamed and made inadequate, so both are
    // listed in the SIG summary's most concerning categories and the first moves (from a previous "Green").
    const base = loaded.get('name-html')!;
    const header = [...base[0]!, 'Previous category'];
    const col = (name: string) => header.indexOf(name);
    const grid: Cell[][] = [header, ...base.slice(1).map((r) => [...r, ''])];
    grid[1]![col('School name')] = FORMULA;
    grid[2]![col('School name')] = HTML;
    for (const r of [1, 2]) grid[r]![col('Ofsted grade')] = 'Inadequate';
    grid[1]![col('Previous category')] = 'Green';
    // A previous category is echoed into the result block as it was written.
    grid[2]![col('Previous category')] = FORMULA;

    // The sheet is named like the markup too (a legal sheet name), so the run log's Source carries it.
    const { double, sheet, port } = setUp(grid, HTML);
    const region = await port.readRegister();
    const framework = frameworkById('oldham')!;
    const { plan, report } = await categoriseOnPort(port, region, framework, ASOF, { ranAt: new Date(Date.UTC(2026, 10, 1)) });
    expect(report).toMatchObject({ status: 'done', packWritten: true });

    // The analyst's cells, names included, are read back as they were written.
    expectAnalystCellsUnchanged(sheet, grid);
    expect(sheet.value(1, col('School name'))).toBe(FORMULA);
    expect(sheet.value(2, col('School name'))).toBe(HTML);

    // The result block: every row as planned; the echoed previous category is text, not a formula.
    for (const r of plan.rows) expect(resultCells(sheet, plan, r.gridRow)).toEqual(r.cells);
    expect(resultCells(sheet, plan, 2)[RESULT_HEADERS.indexOf('Previous category (last run)')]).toBe(FORMULA);

    // The SIG summary: both names, as text, in the most concerning schools; the first in the movements.
    const summary = double.sheet(SUMMARY_SHEET)!;
    const box = summary.usedBox()!;
    const cells = summary.grid(box).flat();
    expect(plan.summary.highest.map((h) => h.name)).toEqual(expect.arrayContaining([FORMULA, HTML]));
    expect(plan.summary.movements.map((m) => m.name)).toContain(FORMULA);
    expect(cells.filter((v) => v === FORMULA).length).toBeGreaterThanOrEqual(2);
    expect(cells.filter((v) => v === HTML).length).toBeGreaterThanOrEqual(1);

    // The run log: the row as written, its Source naming the sheet verbatim.
    const log = double.sheet(RUN_LOG_SHEET)!;
    expect(log.grid({ top: 0, left: 0, bottom: 0, right: RUN_LOG_HEADERS.length - 1 })[0]).toEqual([...RUN_LOG_HEADERS]);
    const logged = log.grid({ top: 1, left: 0, bottom: 1, right: RUN_LOG_HEADERS.length - 1 })[0]!;
    expect(String(logged[RUN_LOG_HEADERS.indexOf('Source')])).toContain(`"${HTML}"`);
    expect(logged[RUN_LOG_HEADERS.indexOf('Rows')]).toBe(plan.rows.length);

    // No cell anywhere in the workbook became a formula (Excel would have run =HYPERLINK).
    for (const s of double.sheets) for (const cell of s.cells.values()) expect(cell.formula, s.name).toBeUndefined();
  });
});
