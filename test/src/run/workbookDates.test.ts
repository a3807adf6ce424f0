/**
 * The task pane in a workbook using the 1904 date system (src/run/workbookDates.ts): Office.js gives each
 * date cell's own serial, 1,462 below the 1900 system's, so unconverted every date would be read 4 years
 * and 1 day early and the schools categorised wrongly without a word. On the Excel double: the same
 * register in both systems gives the same categories, and the pane writes the same calendar dates; a
 * host that cannot say which system the workbook uses makes the pane say so.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromExcelSerial, fromIsoDate, toIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { DUE_COLUMN } from '../../../src/run/registerRun';
import type { OfficialFile } from '../../../src/run/refresh';
import { applyRefresh, officialFromBytes, previewRefresh } from '../../../src/run/taskpaneRefresh';
import { compareRow, runOnPort } from '../../../src/run/taskpaneRun';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { createOfficePort, type HostSupport } from '../../../src/workbook/office';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { runNotice } from '../../../taskpane/runNotice';
import { ExcelDouble } from '../../support/excelDouble';
import { officeJsContext } from '../../support/officeJs';

const ASOF = fromIsoDate('2026-11-01')!;
const RAN_AT = new Date(Date.UTC(2026, 10, 1));
const DAYS_1900_TO_1904 = 1462;
let sample: Cell[][] = [];
let mi: OfficialFile;
let gias: OfficialFile;

beforeAll(async () => {
  sample = (await readSheetGrid('examples/sample-register.xlsx')).values.map((r) => r.map(shownCell));
  mi = officialFromBytes('ofsted-mi-sample.csv', readFileSync('examples/ofsted-mi-sample.csv')).file;
  gias = officialFromBytes('gias-sample.csv', readFileSync('examples/gias-sample.csv')).file;
});

/** The register as a workbook of that date system holds it: each date (a number under a "... date" header) as its serial there. */
function inSystem(grid: readonly (readonly Cell[])[], system: '1900' | '1904'): Cell[][] {
  const dated = new Set(grid[0]!.flatMap((h, c) => (/ date$/i.test(String(h)) ? [c] : [])));
  expect(dated.size).toBe(5);
  return grid.map((row, r) => row.map((v, c) => (r > 0 && dated.has(c) && typeof v === 'number' && system === '1904' ? v - DAYS_1900_TO_1904 : v)));
}

/** A double holding the register on sheet Register in a date system, and the pane's port over it. */
function setUp(system: '1900' | '1904', support?: Partial<HostSupport>, readBudgetBytes?: number) {
  const double = new ExcelDouble();
  double.use1904DateSystem = system === '1904';
  const sheet = double.addSheet('Register', inSystem(sample, system));
  return { double, sheet, port: createOfficePort({ run: double.run, settings: double.settings, ...(support ? { support } : {}), ...(readBudgetBytes ? { readBudgetBytes } : {}) }) };
}

/** A run of Oxfordshire from the pane, and what it wrote in the category and due-date columns, the dates as the days they show. */
async function categorise(s: ReturnType<typeof setUp>, system: '1900' | '1904') {
  const run = await runOnPort(s.port, frameworkById('oxfordshire')!, ASOF, { ranAt: RAN_AT, runId: 'same', pause: async () => {} });
  expect(run.status).toBe('done');
  expect(run.region!.dateSystem).toBe(system);
  const block = run.write!.block;
  const rows = Array.from({ length: block.rows.length }, (_, i) => block.firstRow + i);
  return {
    run, block,
    categories: rows.map((r) => s.sheet.cell(r, block.columns[0]!)?.value ?? ''),
    due: rows.map((r) => shown(s.sheet.cell(r, block.columns[DUE_COLUMN]!)?.value ?? '', system)),
  };
}

/** A serial as the calendar date it shows in a workbook of that system. */
const shown = (serial: Cell, system: '1900' | '1904') => (typeof serial === 'number' ? toIsoDate(fromExcelSerial(system === '1904' ? serial + DAYS_1900_TO_1904 : serial)!) : serial);

describe('a workbook in the 1904 date system, read and written by the pane', () => {
  it('Categorise: the same categories, reasons and pack as in the 1900 system, and "Next inspection due" written as the same calendar dates', async () => {
    const runs = await Promise.all((['1900', '1904'] as const).map(async (system) => {
      const s = setUp(system);
      return { ...(await categorise(s, system)), s, otherSheets: s.double.sheets.filter((x) => x.name !== 'Register').map((x) => [x.name, [...x.snapshot()]]) };
    }));
    const [a, b] = runs;
    expect(b!.categories).toEqual(a!.categories);
    expect(b!.run.plan!.rows.map((r) => r.cells.filter((_, i) => i !== DUE_COLUMN))).toEqual(a!.run.plan!.rows.map((r) => r.cells.filter((_, i) => i !== DUE_COLUMN)));
    // The dates written: the same days, each the 1904 workbook's own serial of it.
    expect(a!.due.filter((d) => d !== '').length).toBeGreaterThan(100);
    expect(b!.due).toEqual(a!.due);
    expect(b!.block.rows.map((r) => r[DUE_COLUMN])).toEqual(a!.block.rows.map((r) => r[DUE_COLUMN]).map((d) => (typeof d === 'number' ? d - DAYS_1900_TO_1904 : d)));
    // The SIG summary, the School profiles and the Run log say the same (their dates are text).
    expect(b!.otherSheets).toEqual(a!.otherSheets);
    // Knowing the system, the pane does not warn; and it took no sync more to know it.
    expect(runNotice(b!.run)).toMatchObject({ intent: 'success' });
    expect(b!.s.double.syncs).toBe(a!.s.double.syncs);
  });

  it('read in chunks, the first rows\' results riding on the last read: the same categories and dates as one read of a 1900 workbook', async () => {
    const whole = await categorise(setUp('1900'), '1900');
    const chunked = await categorise(setUp('1904', undefined, 4_000), '1904');
    expect(chunked.run.early?.rows).toBeGreaterThan(0);
    expect(chunked.run.region!.partial).toBeDefined();
    expect(chunked.categories).toEqual(whole.categories);
    expect(chunked.due).toEqual(whole.due);
  });

  it('Compare: each framework gives the school the same category as in the 1900 system', async () => {
    const compared = await Promise.all((['1900', '1904'] as const).map(async (system) => {
      const region = await setUp(system).port.readRegister();
      return Array.from({ length: 20 }, (_, i) => compareRow(region, i + 1, ASOF)?.comparisons.map((c) => c.category));
    }));
    expect(compared[1]).toEqual(compared[0]);
  });

  it('Refresh: the same changes, and the dates it writes are the same calendar dates', async () => {
    const refreshed = await Promise.all((['1900', '1904'] as const).map(async (system) => {
      const s = setUp(system);
      const options = { asOf: ASOF, la: '999' };
      const preview = await previewRefresh(s.port, mi, gias, options);
      const outcome = await applyRefresh(s.port, preview, mi, gias, options);
      expect(outcome.status).toBe('written');
      const dates = preview.write.cells.filter((c) => c.date).map((c) => [c.row, c.column, shown(s.sheet.cell(c.row, c.column)?.value ?? '', system)]);
      return { plan: preview.plan, dates };
    }));
    expect(refreshed[1]!.plan).toEqual(refreshed[0]!.plan);
    expect(refreshed[0]!.dates.length).toBeGreaterThan(5);
    expect(refreshed[1]!.dates).toEqual(refreshed[0]!.dates);
  });
});

describe('a host that cannot say the workbook\'s date system', () => {
  it('the run says, once, that it read and wrote the dates as the 1900 date system, and is no plain success', async () => {
    const s = setUp('1900', { dateSystem: false });
    const run = await runOnPort(s.port, frameworkById('oxfordshire')!, ASOF, { ranAt: RAN_AT, pause: async () => {} });
    expect(run.status).toBe('done');
    expect(run.region!.dateSystem).toBeNull();
    const notice = runNotice(run);
    expect(notice.intent).toBe('warning');
    expect(notice.text.match(/1900 date system/g)).toHaveLength(1);
    expect(notice.text).toMatch(/1904 date system .*4 years and 1 day early/);
  });

  it('a host that can, says nothing of it', async () => {
    const run = await runOnPort(setUp('1900').port, frameworkById('oxfordshire')!, ASOF, { ranAt: RAN_AT, pause: async () => {} });
    expect(runNotice(run).text).not.toMatch(/date system/);
  });
});

describe('the Excel double keeps the date system as Excel does', () => {
  it('use1904DateSystem must be loaded before it is read; functions.date answers in the workbook\'s system', async () => {
    const double = new ExcelDouble();
    double.use1904DateSystem = true;
    double.addSheet('Register', [['x']]);
    await double.run(async (ctx) => {
      // A preview API: not in @types/office-js.
      const workbook = ctx.workbook as Excel.Workbook & { readonly use1904DateSystem: boolean };
      expect(() => workbook.use1904DateSystem).toThrow(/PropertyNotLoaded|not available/);
      ctx.workbook.load('use1904DateSystem');
      const date = ctx.workbook.functions.date(2024, 3, 1).load('value');
      const early = ctx.workbook.functions.date(1903, 12, 31).load('value,error');
      expect(() => date.value).toThrow(/not available/);
      await ctx.sync();
      expect(workbook.use1904DateSystem).toBe(true);
      // 1 March 2024: 45,352 in the 1900 system; a day before 1904 is no date in the 1904 one.
      expect(date.value).toBe(45_352 - DAYS_1900_TO_1904);
      expect([early.value, early.error]).toEqual([null, '#NUM!']);
    });
  });
});

describe('Microsoft\'s Office.js', () => {
  it('sends the date system\'s question (workbook.functions.date, ExcelApi 1.2) as a request of a few hundred bytes', async () => {
    const office = officeJsContext();
    if (!office) return;
    office.ctx.workbook.functions.date(2000, 1, 1).load('value');
    await office.ctx.sync();
    expect(office.requests).toHaveLength(1);
    expect(office.requests[0]!.bodyBytes).toBeLessThan(1_000);
  });
});
