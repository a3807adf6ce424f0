import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { englandRegister } from '../../../bench/englandRegister';
import { RESULT_HEADERS } from '../../../src/run/registerRun';
import { planRegion, runWrite } from '../../../src/run/taskpaneRun';
import { categoriseOnPort } from '../../support/wholeRun';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { PROFILES_SHEET, SUMMARY_SHEET } from '../../../src/run/packSheets';
import { RUN_LOG_SHEET } from '../../../src/run/runLog';
import { createOfficePort, textSafe } from '../../../src/workbook/office';
import { jsonBytes, REQUEST_LIMIT_BYTES, valuesAsSeen } from '../../../src/workbook/port';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { ExcelDouble, runOnDouble } from '../../support/excelDouble';
import { withRequiredColumns } from '../../support/requiredColumns';

const ASOF = fromIsoDate('2026-11-01')!;
const oxfordshire = frameworkById('oxfordshire')!;
let sample: Cell[][] = [];

beforeAll(async () => {
  sample = (await readSheetGrid('examples/sample-register.xlsx')).values.map((r) => r.map(shownCell));
});

function setUp(grid: readonly (readonly Cell[])[] = sample) {
  const double = new ExcelDouble();
  const sheet = double.addSheet('Register', grid);
  const port = createOfficePort({ run: double.run, settings: double.settings });
  return { double, sheet, port };
}

const width = () => sample[0]!.length;

describe('the Excel double behaves as Office.js does', () => {
  it('a loaded property throws PropertyNotLoaded until sync', async () => {
    const { double } = setUp([['a']]);
    await double.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('A1');
      r.load('values');
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([['a']]);
    });
  });

  it('a string beginning with "=" written to values becomes a formula; an apostrophe keeps it text', async () => {
    const { double, sheet } = setUp([['x']]);
    await double.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Register').getRange('A1:B1').values = [['=SUM(1,2)', "'=SUM(1,2)"]];
      await ctx.sync();
    });
    expect(sheet.cell(0, 0)!.formula).toBe('=SUM(1,2)');
    expect(sheet.cell(0, 1)!.formula).toBeUndefined();
    expect(sheet.value(0, 1)).toBe('=SUM(1,2)');
  });

  it('rejects a request above 5 MB whole, and counts syncs', async () => {
    const { double, sheet } = setUp([['x']]);
    const big = 'y'.repeat(REQUEST_LIMIT_BYTES);
    await expect(double.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Register').getRange('A1').values = [[big]];
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(sheet.value(0, 0)).toBe('x');
    expect(double.syncs).toBe(1);
  });

  it('numberFormat takes a format per cell, or one format for the whole range as a 1x1 array; any other shape is refused', async () => {
    const { double, sheet } = setUp([['x']]);
    await double.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Register');
      ws.getRange('A1:B3').numberFormat = [['dd/mm/yyyy']];
      ws.getRange('C1:C2').numberFormat = [['0.0'], ['0%']];
      await ctx.sync();
    });
    for (let r = 0; r < 3; r++) for (let c = 0; c < 2; c++) expect(sheet.cell(r, c)?.numberFormat).toBe('dd/mm/yyyy');
    expect([sheet.cell(0, 2)?.numberFormat, sheet.cell(1, 2)?.numberFormat]).toEqual(['0.0', '0%']);
    await expect(double.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Register').getRange('A1:A3').numberFormat = [['0'], ['0']];
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('format.fill.clear resets the background of every cell of a range or of the areas of getRanges; the colour is set the same way', async () => {
    const { double, sheet } = setUp([['x']]);
    await double.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Register');
      ws.getRange('A1:A4').format.fill.color = '#C00000';
      ws.getRanges('A1,A3:A4').format.fill.clear();
      ws.getRanges('B2,B4').format.fill.color = '#FFC7CE';
      await ctx.sync();
    });
    expect([0, 1, 2, 3].map((r) => sheet.cell(r, 0)?.fill)).toEqual([undefined, '#C00000', undefined, undefined]);
    expect([0, 1, 2, 3].map((r) => sheet.cell(r, 1)?.fill)).toEqual([undefined, '#FFC7CE', undefined, '#FFC7CE']);
  });
});

describe('merged cells', () => {
  it('in the double as in Excel: merging keeps the top-left value only; getMergedAreasOrNullObject gives whole areas that meet a range, or a null object', async () => {
    const { double, sheet } = setUp([['URN', 'Phase', 'x'], ['100001', 'Primary', ''], ['100002', 'Primary', ''], ['100003', 'Secondary', '']]);
    sheet.merge('B2:B3');
    expect(sheet.value(2, 1)).toBe('');
    await double.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Register');
      const meets = ws.getRange('A3:C4').getMergedAreasOrNullObject();
      const none = ws.getRange('C1:C4').getMergedAreasOrNullObject();
      meets.load('address');
      none.load('address');
      await ctx.sync();
      expect(meets.address).toBe('Register!B2:B3');
      expect(none.isNullObject).toBe(true);
    });
  });

  it('are read as the analyst sees them: a value merged down a column belongs to each row it covers', async () => {
    const register = withRequiredColumns(['URN', 'School name', 'Phase', 'Ofsted grade'], [['100001', 'Ashby', 'Primary', 'Good'], ['100002', 'Brook', '', 'Good'], ['100003', 'Cole', 'Secondary', 'Good']]);
    const { sheet, port } = setUp([register.header, ...register.rows]);
    sheet.merge('C2:C3');
    const region = await port.readRegister();
    expect(region.values[2]![2]).toBe('');
    expect(valuesAsSeen(region)[2]![2]).toBe('Primary');
    const plan = planRegion(region, oxfordshire, ASOF);
    expect(plan.rows.map((r) => r.outcome.record.phase)).toEqual(['primary', 'primary', 'secondary']);
    // Nothing of the analyst's moved: the covered cell is still blank on the sheet.
    expect(sheet.value(2, 2)).toBe('');
  });

  it('a merge that starts outside the region lends it nothing', () => {
    const region = { sheet: 'S', address: 'S!A3:B4', top: 2, left: 0, values: [['a', ''], ['', 'b']], kind: 'used-range' as const, merged: [{ top: 1, left: 1, bottom: 2, right: 1 }] };
    expect(valuesAsSeen(region)).toEqual([['a', ''], ['', 'b']]);
  });
});

describe('the port writes text as text', () => {
  it.each([['=1+1', "'=1+1"], ['+44 20', "'+44 20"], ['123', "'123"], ['', ''], [5, 5]])('%s is sent as %s', (cell, sent) => {
    expect(textSafe(cell as Cell)).toBe(sent);
  });
});

describe('a full run on the sample register', () => {
  it('writes the plan beside the register, fills categories, never touches the analyst\'s columns', async () => {
    const { double, sheet, port } = setUp();
    const region = await port.readRegister();
    const plan = planRegion(region, oxfordshire, ASOF);
    const write = runWrite(region, plan, oxfordshire, ASOF, new Date(0));
    const { report } = await categoriseOnPort(port, region, oxfordshire, ASOF);
    expect(report).toMatchObject({ status: 'done', rowsDone: write.block.rows.length, packWritten: true });
    const w = width();
    expect(sheet.grid({ top: 0, left: w, bottom: 0, right: w + RESULT_HEADERS.length - 1 })[0]).toEqual([...RESULT_HEADERS]);
    for (const r of plan.rows) {
      const got = sheet.grid({ top: r.gridRow, left: w, bottom: r.gridRow, right: w + RESULT_HEADERS.length - 1 })[0]!;
      expect(got).toEqual(r.cells);
      expect(sheet.cell(r.gridRow, w)?.fill ?? null).toBe(r.fill?.colour ?? null);
      expect(sheet.cell(r.gridRow, w + 2)?.numberFormat).toBe('dd/mm/yyyy');
    }
    // The analyst's cells are exactly as they were.
    expect(sheet.grid({ top: 0, left: 0, bottom: sample.length - 1, right: w - 1 })).toEqual(sample);
    expect(double.calculationSuspensions).toBeGreaterThan(0);
    // The pack's sheets (their cells against the command line's: officePack.test.ts) and the Run log.
    expect(double.sheets.map((x) => x.name)).toEqual(['Register', SUMMARY_SHEET, PROFILES_SHEET, RUN_LOG_SHEET]);
    expect(double.sheet(SUMMARY_SHEET)!.charts.map((c) => c.type)).toEqual(['ColumnClustered', 'LineMarkers']);
    const log = double.sheet(RUN_LOG_SHEET)!;
    expect(log.value(1, 5)).toBe(plan.rows.length);
  });

  it('a second run refreshes the block in place, keeps the previous category, and appends to the run log', async () => {
    const { double, sheet, port } = setUp();
    await categoriseOnPort(port, await port.readRegister(), oxfordshire, ASOF);
    const w = width();
    const firstCategories = sample.slice(1).map((_, i) => sheet.value(i + 1, w));
    // A later as-of date moves some schools.
    const later = fromIsoDate('2028-09-01')!;
    await categoriseOnPort(port, await port.readRegister(), oxfordshire, later);
    expect(sheet.usedBox()!.right).toBe(w + RESULT_HEADERS.length - 1);
    const previousColumn = w + RESULT_HEADERS.indexOf('Previous category (last run)');
    const previous = sample.slice(1).map((_, i) => sheet.value(i + 1, previousColumn));
    // Where the register has no previous-category column of its own, the previous run's category is kept.
    expect(previous.filter((p, i) => p === firstCategories[i]).length).toBeGreaterThan(sample.length / 2);
    expect(double.sheet(RUN_LOG_SHEET)!.usedBox()!.bottom).toBe(2);
    expect(double.sheets.filter((s) => s.name === SUMMARY_SHEET)).toHaveLength(1);
  });

  it('fills the categories by look, not cell by cell: a refreshed row keeps no old fill, text colour or bold', async () => {
    const { double, sheet, port } = setUp();
    const { plan: first } = await categoriseOnPort(port, await port.readRegister(), oxfordshire, ASOF);
    const w = width();
    // The second run finds no category for the first school (its Ofsted grade is unreadable): its old fill must go.
    expect(first.rows[0]!.fill).not.toBeNull();
    sheet.put(first.rows[0]!.gridRow, first.located.mapping.byField.ofstedGrade!, [['n/a?']]);
    const region = await port.readRegister();
    const syncsBefore = double.syncs;
    const { plan } = await categoriseOnPort(port, region, oxfordshire, fromIsoDate('2028-09-01')!);
    expect(plan.rows[0]!.fill).toBeNull();
    for (const r of plan.rows) {
      const c = sheet.cell(r.gridRow, w);
      expect({ fill: c?.fill, colour: c?.fontColour, bold: c?.bold }, `row ${r.gridRow}`).toEqual(r.fill ? { fill: r.fill.colour, colour: r.fill.textColour, bold: true } : { fill: undefined, colour: '#000000', bold: false });
    }
    // One format per look over the areas it covers, and one date format for the column: beside the values, a few bytes a row
    // (a cell's properties and its date format were about 90 bytes a row).
    const ops = double.operations[syncsBefore]!;
    expect(ops.filter((o) => o === 'numberFormat')).toHaveLength(1);
    expect(ops).not.toContain('setCellProperties');
    const values = plan.rows.reduce((n, r) => n + jsonBytes(r.cells.map(textSafe)) + 1, 0);
    expect(double.requestBytes[syncsBefore]! - values).toBeLessThan(8_000 + 12 * plan.rows.length);
  });

  it('reads the Excel table the selection is in, and adds the results to it as table columns', async () => {
    const { double, port } = setUp([]);
    const sheet = double.sheet('Register')!;
    sheet.put(0, 0, [['Northmoor register, autumn']]);
    sheet.put(3, 2, sample);
    sheet.tables.push({ name: 'Schools', top: 3, left: 2, bottom: 3 + sample.length - 1, right: 2 + width() - 1 });
    double.selection = { sheet: 'Register', box: { top: 5, left: 4, bottom: 5, right: 4 } };
    const region = await port.readRegister();
    // The table's rows, across the used range's columns (so a result block beside the table is read too).
    expect(region).toMatchObject({ kind: 'table', table: 'Schools', top: 3, address: `Register!A4:${region.address.split(':')[1]}` });
    expect(region.values).toHaveLength(sample.length);
    const { plan, report } = await categoriseOnPort(port, region, oxfordshire, ASOF);
    expect(report.status).toBe('done');
    expect(sheet.value(3, 2 + width())).toBe('Category');
    expect(sheet.value(3 + plan.rows[0]!.gridRow, 2 + width())).toBe(plan.rows[0]!.cells[0]);
    expect(sheet.value(0, 0)).toBe('Northmoor register, autumn');
    expect(sheet.table('Schools')!.right).toBe(2 + width() + RESULT_HEADERS.length - 1);
    expect(report.insideTable).toBe('Schools');
  });

  it('leaves a table\'s totals row out: not a school, no results in it, and still the table\'s last row', async () => {
    const { double, port } = setUp([]);
    const sheet = double.sheet('Register')!;
    const totals: Cell[] = sample[0]!.map((_, c) => (c === 0 ? 'Total' : c === 1 ? sample.length - 1 : ''));
    sheet.put(0, 0, [...sample, totals]);
    const bottom = sample.length;
    sheet.tables.push({ name: 'Schools', top: 0, left: 0, bottom, right: width() - 1, showTotals: true });
    double.selection = { sheet: 'Register', box: { top: 5, left: 4, bottom: 5, right: 4 } };
    const region = await port.readRegister();
    expect(region.values).toHaveLength(sample.length);
    const { plan, report } = await categoriseOnPort(port, region, oxfordshire, ASOF);
    expect(report.status).toBe('done');
    expect(plan.rows).toHaveLength(sample.length - 1);
    expect(plan.outcome.rows.flatMap((r) => r.problems.map((p) => p.message)).join('\n')).not.toMatch(/Total/);
    expect(sheet.grid({ top: bottom, left: 0, bottom, right: width() + RESULT_HEADERS.length - 1 })[0]).toEqual([...totals, ...RESULT_HEADERS.map(() => '')]);
    expect(sheet.table('Schools')).toMatchObject({ bottom, right: width() + RESULT_HEADERS.length - 1, showTotals: true });
  });
});

describe('cancel and failure leave whole rows', () => {
  const rowsAreWhole = (sheet: ReturnType<typeof setUp>['sheet'], oldRows: Cell[][], newRows: readonly (readonly Cell[])[], first: number, left: number) => {
    let newCount = 0;
    newRows.forEach((nr, i) => {
      const got = sheet.grid({ top: first + i, left, bottom: first + i, right: left + RESULT_HEADERS.length - 1 })[0]!;
      const isNew = JSON.stringify(got) === JSON.stringify(nr);
      const isOld = JSON.stringify(got) === JSON.stringify(oldRows[i]);
      expect(isNew || isOld, `row ${first + i + 1}`).toBe(true);
      if (isNew && !isOld) newCount++;
    });
    return newCount;
  };

  async function twoRuns(makePort: (double: ExcelDouble) => ReturnType<typeof createOfficePort>, act: (double: ExcelDouble) => { signal?: AbortSignal }) {
    const grid = sample;
    const { double, sheet, port } = setUp(grid);
    await categoriseOnPort(port, await port.readRegister(), oxfordshire, ASOF);
    const w = width();
    const oldRows = sheet.grid({ top: 1, left: w, bottom: grid.length - 1, right: w + RESULT_HEADERS.length - 1 });
    const small = makePort(double);
    const region = await small.readRegister();
    const later = fromIsoDate('2029-01-01')!;
    const write = runWrite(region, planRegion(region, oxfordshire, later), oxfordshire, later, new Date(0));
    const control = act(double);
    const report = await small.writeRun(write, control);
    return { report, newCount: rowsAreWhole(sheet, oldRows, write.block.rows, 1, w), write, double };
  }

  it('a cancel between chunks says which rows were done; those are new, the rest old', async () => {
    const ctl = new AbortController();
    const { report, newCount, write } = await twoRuns(
      (d) => createOfficePort({ run: d.run, budgetBytes: 20_000 }),
      (d) => {
        let n = 0;
        d.afterSync = async () => {
          if (++n === 4) ctl.abort();
        };
        return { signal: ctl.signal };
      },
    );
    expect(report.status).toBe('cancelled');
    expect(report.rowsDone).toBeGreaterThan(0);
    expect(report.rowsDone).toBeLessThan(write.block.rows.length);
    expect(newCount).toBeLessThanOrEqual(report.rowsDone);
    expect(report.packWritten).toBe(false);
  });

  it.each([0, 1, 2])('a failure in the middle of a chunk (at command %i) leaves every row old or new', async (atCommand) => {
    const { report, write } = await twoRuns(
      (d) => createOfficePort({ run: d.run, budgetBytes: 20_000 }),
      (d) => {
        d.failure = { sync: d.syncs + 2 + 3, atCommand };
        return {};
      },
    );
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/not confirmed/);
    expect(report.rowsDone).toBeLessThan(write.block.rows.length);
  });
});

describe('a 25,000-row run', () => {
  it('reads and writes in chunks, no request or response above 5 MB, within two syncs of the least the payload allows', async () => {
    const { header, rows } = englandRegister(25_000);
    const r = await runOnDouble([header, ...rows]);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    // One sync to find the register, then as many as its values need to come back, then to go out.
    const least = 1 + Math.ceil(sum(r.responseBytes) / REQUEST_LIMIT_BYTES) + Math.ceil(sum(r.requestBytes) / REQUEST_LIMIT_BYTES);
    console.info('25,000 rows on the double:', { syncs: r.syncs, least, maxRequestBytes: r.maxRequestBytes, maxResponseBytes: r.maxResponseBytes });
    expect(r.status).toBe('done');
    expect(r.rowsWritten).toBe(25_000);
    expect(r.maxRequestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    expect(r.maxResponseBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    expect(sum(r.responseBytes)).toBeGreaterThan(REQUEST_LIMIT_BYTES);
    expect(r.syncs).toBeLessThanOrEqual(least + 2);
  }, 120_000);

  it('a response refused as too large is read again in smaller chunks', async () => {
    // Rows of 2 KB of text below short first rows: the first read, sized by the first rows' cells, would bring back far more than 5 MB.
    const long = 'x'.repeat(2_000);
    const grid: Cell[][] = [['URN', 'School name', 'Notes'], ...Array.from({ length: 6_000 }, (_, i) => [String(100_000 + i), `School ${i}`, i < 100 ? '' : long])];
    const { double, port } = setUp(grid);
    const region = await port.readRegister();
    expect(region.values).toHaveLength(grid.length);
    expect(region.values[5_999]![0]).toBe('105998');
    // The first read was refused (it was sent, so it counts), then every read fitted.
    const refused = double.responseBytes.filter((b) => b > REQUEST_LIMIT_BYTES);
    expect(refused).toHaveLength(1);
    expect(double.responseBytes.indexOf(refused[0]!)).toBe(1);
  });
});
