/**
 * The pane's run in phases (src/run/taskpaneRun.ts `runOnPort`) on the Excel double: progress through
 * reading, categorising and writing with real fractions, cancel in each phase (nothing half-written, and
 * the pane's words say what was and was not written: taskpane/runNotice.ts), no sync added by either;
 * and the Problems sheet, a sheet of our own (src/workbook/officeOwnSheet.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { englandRegister } from '../../../bench/englandRegister';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { PROFILES_SHEET, SUMMARY_SHEET } from '../../../src/run/packSheets';
import { PROBLEMS_HEADERS, PROBLEMS_MARKER_ID, problemsLayout, problemsShownText } from '../../../src/run/problemsSheet';
import { RESULT_HEADERS } from '../../../src/run/registerRun';
import { RUN_LOG_SHEET } from '../../../src/run/runLog';
import { compareRow, placeProblems, runOnPort, type PlacedProblem, type RunProgress } from '../../../src/run/taskpaneRun';
import { categoriseOnPort } from '../../support/wholeRun';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { createOfficePort } from '../../../src/workbook/office';
import { REQUEST_LIMIT_BYTES } from '../../../src/workbook/port';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { runNotice } from '../../../taskpane/runNotice';
import { ExcelDouble } from '../../support/excelDouble';

const ASOF = fromIsoDate('2026-11-01')!;
const oxfordshire = frameworkById('oxfordshire')!;
const RAN_AT = new Date(Date.UTC(2026, 10, 1));
let sample: Cell[][] = [];

beforeAll(async () => {
  sample = (await readSheetGrid('examples/sample-register.xlsx')).values.map((r) => r.map(shownCell));
});

function setUp(grid: readonly (readonly Cell[])[] = sample, budgetBytes?: number) {
  const double = new ExcelDouble();
  const sheet = double.addSheet('Register', grid);
  const port = createOfficePort({ run: double.run, settings: double.settings, ...(budgetBytes ? { budgetBytes } : {}) });
  return { double, sheet, port };
}

const immediately = () => Promise.resolve();

describe('a run from the pane moves through its phases', () => {
  it('reading, categorising, writing, in order, each with a fraction that only grows and ends whole; the same syncs as reading and writing alone', async () => {
    const { header, rows } = englandRegister(3_000);
    const { double, port } = setUp([header, ...rows], 200_000);
    const seen: RunProgress[] = [];
    const run = await runOnPort(port, oxfordshire, ASOF, { onProgress: (p) => seen.push(p), ranAt: RAN_AT, pause: immediately });
    expect(run.status).toBe('done');
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['reading', 'categorising', 'writing']);
    for (const phase of phases) {
      const of = seen.filter((p) => p.phase === phase && p.total > 0);
      const fractions = of.map((p) => p.done / p.total);
      expect(fractions, phase).toEqual([...fractions].sort((a, b) => a - b));
      expect(fractions[fractions.length - 1], phase).toBe(1);
    }
    // Categorising is heard between its first and last step (every 500 rows at most, once 40 ms have passed).
    const categorising = seen.filter((p) => p.phase === 'categorising' && p.total > 0);
    expect(categorising.length).toBeGreaterThanOrEqual(2);
    expect(categorising.every((p) => p.total === 3_000)).toBe(true);
    // Writing counts syncs, the result rows' chunks first: the rows reach their total before the pack's sheets are written.
    const writing = seen.filter((p) => p.phase === 'writing' && p.sheet);
    expect(writing.length).toBeGreaterThan(2);
    expect(writing[0]!.sheet).toBe('Register');
    expect(writing.map((p) => p.sheet)).toContain(RUN_LOG_SHEET);
    expect(writing[writing.length - 1]!.rows).toEqual({ done: 3_000, total: 3_000 });

    // Progress and cancel add no sync: the same run through categoriseOnPort takes as many.
    const again = setUp([header, ...rows], 200_000);
    await categoriseOnPort(again.port, await again.port.readRegister(), oxfordshire, ASOF, { ranAt: RAN_AT });
    expect(double.syncs).toBe(again.double.syncs);
  }, 60_000);
});

describe('a percentage column formatted as Excel percentages (100% held as 1)', () => {
  it('the run and Compare read the school at 100% as 100%, as a register that says 100: the same categories', async () => {
    const col = sample[0]!.indexOf('KS2 RWM expected %');
    const first = sample.findIndex((r, i) => i > 0 && typeof r[col] === 'number');
    const asPercent = (grid: Cell[][], fractions: boolean) => grid.map((r, i) => r.map((v, c) => {
      if (i === 0 || c !== col || typeof v !== 'number') return v;
      const n = i === first ? 100 : v;
      return fractions ? n / 100 : n;
    }));
    const seen: (string | null)[][] = [];
    for (const fractions of [true, false]) {
      const grid = asPercent(sample, fractions);
      expect(grid[first]![col]).toBe(fractions ? 1 : 100);
      const { sheet, port } = setUp(grid);
      const region = await port.readRegister();
      const run = await runOnPort(port, frameworkById('oldham')!, ASOF, { ranAt: RAN_AT, pause: immediately });
      expect(run.status).toBe('done');
      const category = sample[0]!.length + RESULT_HEADERS.indexOf('Category');
      const compared = compareRow(region!, first, ASOF)!.comparisons.find((c) => c.framework === 'oldham')!;
      seen.push([String(sheet.cell(first, category)?.value ?? ''), compared.category]);
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]![0]).not.toBe('');
  }, 60_000);
});

describe('a later run reads the register the pane found, wherever the selection is now', () => {
  it('with the School profiles sheet active (as Profile of selected school leaves it), the run reads the Register\'s table again', async () => {
    const { double, sheet, port } = setUp();
    sheet.tables.push({ name: 'Schools', top: 0, left: 0, bottom: sample.length - 1, right: sample[0]!.length - 1 });
    double.selection = { sheet: 'Register', box: { top: 1, left: 0, bottom: 1, right: 0 } };
    const first = await runOnPort(port, oxfordshire, ASOF, { pause: immediately, ranAt: RAN_AT });
    expect(first.region).toMatchObject({ kind: 'table', table: 'Schools' });
    double.active = PROFILES_SHEET;
    double.selection = { sheet: PROFILES_SHEET, box: { top: 0, left: 0, bottom: 0, right: 0 } };
    const lost = await runOnPort(port, oxfordshire, ASOF, { pause: immediately });
    expect(lost.status).toBe('failed');
    const again = await runOnPort(port, oxfordshire, ASOF, { pause: immediately, from: { sheet: 'Register', table: 'Schools' } });
    expect(again).toMatchObject({ status: 'done', region: { sheet: 'Register', kind: 'table', table: 'Schools' } });
    expect(again.report!.insideTable).toBe('Schools');
  });
});

describe('cancel stops between syncs, and the pane says what was written', () => {
  it('while reading: nothing is written', async () => {
    const { header, rows } = englandRegister(12_000);
    const { double, sheet, port } = setUp([header, ...rows]);
    const before = sheet.snapshot();
    const ctl = new AbortController();
    const run = await runOnPort(port, oxfordshire, ASOF, { signal: ctl.signal, pause: immediately, onProgress: (p) => p.phase === 'reading' && p.total > 0 && p.done < p.total && ctl.abort() });
    expect(run).toMatchObject({ status: 'cancelled', phase: 'reading', report: null });
    expect(double.operations.flat().filter((op) => op !== 'load' && op !== 'suspendCalc')).toEqual([]);
    expect(sheet.snapshot()).toEqual(before);
    expect(runNotice(run)).toMatchObject({ title: 'Cancelled', text: expect.stringMatching(/reading the register\. Nothing was written/) });
  }, 60_000);

  it('while categorising: nothing is written, and the notice says how far it got', async () => {
    const { header, rows } = englandRegister(2_000);
    const { double, port } = setUp([header, ...rows]);
    const ctl = new AbortController();
    const run = await runOnPort(port, oxfordshire, ASOF, { signal: ctl.signal, pause: immediately, onProgress: (p) => p.phase === 'categorising' && p.done > 0 && ctl.abort() });
    expect(run).toMatchObject({ status: 'cancelled', phase: 'categorising', report: null });
    expect(double.sheets.map((s) => s.name)).toEqual(['Register']);
    expect(double.sheet('Register')!.grid({ top: 0, left: header.length, bottom: 0, right: header.length })).toEqual([['']]);
    expect(runNotice(run).text).toMatch(/^Stopped while categorising \(\d+ of 2000 schools\)\. Nothing was written/);
  }, 60_000);

  it('while writing: whole rows only, and the notice names the rows, the columns and the sheets not written', async () => {
    const { sheet, port } = setUp(sample, 20_000);
    const ctl = new AbortController();
    const run = await runOnPort(port, oxfordshire, ASOF, { signal: ctl.signal, pause: immediately, onProgress: (p) => p.phase === 'writing' && (p.rows?.done ?? 0) > 0 && ctl.abort() });
    expect(run).toMatchObject({ status: 'cancelled', phase: 'writing' });
    const done = run.report!.rowsDone;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(sample.length - 1);
    const w = sample[0]!.length;
    // Rows up to `done` have their results; the next row has none (no row half-written).
    expect(sheet.value(done, w)).not.toBe('');
    expect(sheet.value(done + 1, w + RESULT_HEADERS.indexOf('Support'))).toBe('');
    const text = runNotice(run).text;
    expect(text).toContain(`sheet rows 2 to ${done + 1} of "Register", columns BQ to BY`);
    expect(text).toContain(`Not written: "${SUMMARY_SHEET}", "${PROFILES_SHEET}" and "${RUN_LOG_SHEET}"`);
  });
});

describe('the Problems sheet is ours', () => {
  const problems = (n: number): PlacedProblem[] => Array.from({ length: n }, (_, i) => ({ severity: i % 2 ? 'warning' : 'error', row: i + 2, column: 'Inspection date', value: `31/02/20${i % 100}`, expected: 'a date (dd/mm/yyyy)', message: `Row ${i + 2}, column "Inspection date": not a date`, cell: null }));

  it('"showing 500 of N problems" only past 500', () => {
    expect(problemsShownText(500)).toBeNull();
    expect(problemsShownText(1234)).toBe('showing 500 of 1,234 problems');
  });

  it('writes one row per problem, replaces its own sheet on a later write, and never touches an analyst\'s sheet of that name', async () => {
    const { double, port } = setUp();
    const mine = double.addSheet('Problems', [['My own notes on problems']]);
    const first = await port.writeOwnSheet(problemsLayout(problems(30), 'heading'), PROBLEMS_MARKER_ID);
    expect(first).toMatchObject({ status: 'done', sheet: 'Problems (2)', replaced: null, rows: 31 });
    expect(mine.grid({ top: 0, left: 0, bottom: 0, right: 1 })).toEqual([['My own notes on problems', '']]);
    const ours = double.sheet('Problems (2)')!;
    expect(ours.grid({ top: 0, left: 0, bottom: 1, right: 5 })).toEqual([[...PROBLEMS_HEADERS], [2, 'Inspection date', '31/02/200', 'a date (dd/mm/yyyy)', 'Row 2, column "Inspection date": not a date', 'Error']]);
    expect(ours.names.map((n) => [n.name, n.visible])).toEqual([['SchoolRisk.problems', false]]);
    expect(double.active).toBe('Problems (2)');
    // A later write with fewer problems: our sheet anew, no row of the old one left.
    const second = await port.writeOwnSheet(problemsLayout(problems(3), 'heading'), PROBLEMS_MARKER_ID);
    expect(second).toMatchObject({ status: 'done', sheet: 'Problems (2)', replaced: 'Problems (2)', rows: 4 });
    expect(double.sheet('Problems (2)')!.usedBox()).toMatchObject({ bottom: 3 });
    expect(double.sheets.map((s) => s.name)).toEqual(['Register', 'Problems', 'Problems (2)']);
    expect(mine.grid({ top: 0, left: 0, bottom: 0, right: 0 })).toEqual([['My own notes on problems']]);
  });

  it('the problems of a country: each request under 5 MB', async () => {
    const { double, port } = setUp();
    const syncs = double.syncs;
    const r = await port.writeOwnSheet(problemsLayout(problems(60_000), 'heading'), PROBLEMS_MARKER_ID);
    expect(r).toMatchObject({ status: 'done', sheet: 'Problems', rows: 60_001 });
    expect(double.sheet('Problems')!.value(60_000, 0)).toBe(60_001);
    expect(double.maxRequestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    console.info('60,000 problems written in', double.syncs - syncs, 'syncs');
  }, 60_000);

  it('lists a run\'s problems as the pane does: the sample\'s bad date placed on its cell', async () => {
    const grid = sample.map((r) => [...r]);
    const dateColumn = grid[0]!.findIndex((h) => /inspection date/i.test(String(h)));
    grid[3]![dateColumn] = '31/02/2025';
    const { port } = setUp(grid);
    const run = await runOnPort(port, oxfordshire, ASOF, { pause: immediately });
    const list = placeProblems(run.region!, run.plan!);
    expect(list.find((p) => p.value.includes('31/02/2025'))).toMatchObject({ row: 4, cell: { sheet: 'Register', row: 3, column: dateColumn } });
  });
});
