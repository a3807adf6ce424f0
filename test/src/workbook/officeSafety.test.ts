/**
 * The task pane's guarantees on the live workbook, on the Excel double: nothing the analyst owns is
 * written over (value, formula or format), an earlier block is found by its marker whatever the analyst
 * did to it since (renamed a header, inserted a column, sorted the table, deleted a column), the results
 * join the analyst's table, a plain range gets its header frozen, and all of it costs no extra sync.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { RESULT_HEADERS } from '../../../src/run/registerRun';
import { columnReference, markerName, parseRunFormula, RUN_MARKER } from '../../../src/run/resultMarker';
import { RESULT_IDS } from '../../../src/run/resultPlacement';
import { planRegion, runWrite } from '../../../src/run/taskpaneRun';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { createOfficePort, type HostSupport } from '../../../src/workbook/office';
import { columnLetters, parseAddress, type ResultBlock } from '../../../src/workbook/port';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { cellAt, DoubleError, ExcelDouble, nameFormulaOf, type CellModel, type SheetModel } from '../../support/excelDouble';

const ASOF = fromIsoDate('2026-11-01')!;
const LATER = fromIsoDate('2028-09-01')!;
const oxfordshire = frameworkById('oxfordshire')!;
const N = RESULT_HEADERS.length;
const CATEGORY = 0;
const PREVIOUS = RESULT_HEADERS.indexOf('Previous category (last run)');

/** Thirty schools of the sample register, without its own "Previous category" column (so the previous run's category is ours to echo). */
let register: Cell[][] = [];
let W = 0;

beforeAll(async () => {
  const sample = (await readSheetGrid('examples/sample-register.xlsx')).values.slice(0, 31);
  const drop = sample[0]!.indexOf('Previous category');
  register = sample.map((r) => r.filter((_, i) => i !== drop).map(shownCell));
  W = register[0]!.length;
});

function setUp(grid: readonly (readonly Cell[])[] = register, options: { table?: boolean; support?: Partial<HostSupport>; at?: number } = {}) {
  const double = new ExcelDouble();
  const sheet = double.addSheet('Register');
  const left = options.at ?? 0;
  sheet.put(0, left, grid);
  if (options.table) {
    sheet.tables.push({ name: 'Schools', top: 0, left, bottom: grid.length - 1, right: left + grid[0]!.length - 1 });
    double.selection = { sheet: 'Register', box: { top: 2, left: left + 1, bottom: 2, right: left + 1 } };
  }
  const port = createOfficePort({ run: double.run, settings: double.settings, support: options.support });
  return { double, sheet, port };
}

/** One run as the pane makes it, keeping what it wrote and the sheet as it was before the write. */
async function run(setup: ReturnType<typeof setUp>, asOf: CalendarDate = ASOF, runId = 'run-1') {
  const region = await setup.port.readRegister();
  const plan = planRegion(region, oxfordshire, asOf);
  const write = runWrite(region, plan, oxfordshire, asOf, new Date(0), runId);
  const before = setup.sheet.snapshot();
  const syncsBefore = setup.double.syncs;
  const report = await setup.port.writeRun(write);
  expect(report.status).toBe('done');
  return { region, plan, write, report, before, writeSyncs: setup.double.syncs - syncsBefore };
}

/** The cells a block may write: its columns from the header row to the last data row, less a header it keeps. */
function blockCells(b: ResultBlock): Set<string> {
  const ours = new Set<string>();
  b.columns.forEach((c, i) => {
    for (let r = b.headerRow; r <= b.marker.lastRow; r++) if (r !== b.headerRow || b.headers[i] !== null) ours.add(`${columnLetters(c)}${r + 1}`);
  });
  return ours;
}

/** Every cell outside the block is exactly as it was (value, formula and format), and no cell outside it was created. */
function expectOnlyBlockChanged(sheet: SheetModel, before: Map<number, CellModel>, b: ResultBlock) {
  const ours = blockCells(b);
  const after = sheet.snapshot();
  const changed = [...new Set([...before.keys(), ...after.keys()])]
    .map((k) => ({ k, name: `${columnLetters(cellAt(k)[1])}${cellAt(k)[0] + 1}` }))
    .filter(({ k, name }) => !ours.has(name) && JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
  expect(changed.map((x) => x.name)).toEqual([]);
}

const categoriesByUrn = (sheet: SheetModel, rows: number, urnColumn: number, column: number) =>
  new Map(Array.from({ length: rows }, (_, i) => [String(sheet.value(i + 1, urnColumn)), sheet.value(i + 1, column)]));

describe('nothing the analyst owns is written over', () => {
  it('an unheaded notes column right of the register keeps every note; the results go past it, and the pane says so', async () => {
    const grid = register.map((r, i) => [...r, i === 0 ? '' : `Visited ${i} May`]);
    const s = setUp(grid);
    const { write, report, before } = await run(s);
    expect(write.block.columns).toEqual(Array.from({ length: N }, (_, i) => W + 1 + i));
    for (let r = 1; r < grid.length; r++) expect(s.sheet.value(r, W)).toBe(`Visited ${r} May`);
    expectOnlyBlockChanged(s.sheet, before, write.block);
    expect(report.notes.join(' ')).toMatch(new RegExp(`Column ${columnLetters(W)} holds content without a header, so the results were written after`));
  });

  it('a formula column showing "" right of the register is the analyst\'s: the results go past it', async () => {
    const s = setUp();
    for (let r = 1; r < register.length; r++) Object.assign(s.sheet.cell(r, W, true)!, { value: '', formula: `=IF(F${r + 1}="Inadequate","Visit","")` });
    const { region, write, before } = await run(s);
    expect(region.formulas).toEqual([{ top: 1, left: W, bottom: register.length - 1, right: W }]);
    expect(write.block.columns[0]).toBe(W + 1);
    expectOnlyBlockChanged(s.sheet, before, write.block);
  });

  it('on a host that cannot list formula cells (before ExcelApi 1.9), every cell of the used range counts as taken', async () => {
    const s = setUp(register, { support: { specialCells: false } });
    for (let r = 1; r < register.length; r++) Object.assign(s.sheet.cell(r, W, true)!, { value: '', formula: '=""' });
    const { region, write, before } = await run(s);
    expect(region.formulas).toBeUndefined();
    expect(write.block.columns[0]).toBe(W + 1);
    expectOnlyBlockChanged(s.sheet, before, write.block);
  });

  it('a renamed result header is kept, value and format, and the block is refreshed in place', async () => {
    const s = setUp();
    const first = await run(s);
    Object.assign(s.sheet.cell(0, W)!, { value: 'Category (autumn)', bold: false, fill: '#FFFF00' });
    const second = await run(s, LATER, 'run-2');
    expect(second.plan.placement.found).toBe('marker');
    expect(second.write.block.columns).toEqual(first.write.block.columns);
    expect(second.write.block.headers[CATEGORY]).toBeNull();
    expect(s.sheet.cell(0, W)).toEqual({ value: 'Category (autumn)', bold: false, fill: '#FFFF00' });
    expectOnlyBlockChanged(s.sheet, second.before, second.write.block);
    expect(s.sheet.usedBox()!.right).toBe(W + N - 1);
  });

  it('a column inserted inside the block keeps the analyst\'s cells; the results are written around it, one array per run of columns', async () => {
    const s = setUp();
    await run(s);
    s.double.insertColumns('Register', W + 3);
    s.sheet.put(0, W + 3, register.map((_, i) => [i === 0 ? 'Visit notes' : `note ${i}`]));
    const second = await run(s, LATER, 'run-2');
    // The inserted column (W + 3) splits the block: the results before it stay, the rest moved one right.
    const expected = Array.from({ length: N }, (_, i) => W + i + (i >= 3 ? 1 : 0));
    expect(second.plan.placement.found).toBe('marker');
    expect(second.write.block.columns).toEqual(expected);
    expectOnlyBlockChanged(s.sheet, second.before, second.write.block);
    expect(s.sheet.value(5, W + 3)).toBe('note 5');
    expect(s.sheet.usedBox()!.right).toBe(W + N);
    // The rows go in one sync: one values array per run of adjacent columns (two), no header (all kept).
    const rowsSync = s.double.operations[s.double.operations.length - 2]!;
    expect(rowsSync.filter((op) => op === 'values')).toHaveLength(2);
    for (const r of second.plan.rows) expect(expected.map((c) => s.sheet.value(r.gridRow, c))).toEqual(r.cells);
  });

  it('a deleted result column makes the marker untrusted: a fresh block beside, the old one left as it is, and the pane says so', async () => {
    const s = setUp();
    await run(s);
    s.double.deleteColumns('Register', W + 1);
    expect(nameFormulaOf(s.sheet, markerName('support'))).toBe('=Register!#REF!');
    const second = await run(s, LATER, 'run-2');
    expect(second.plan.placement.found).toBe('fresh');
    expect(second.write.block.columns[0]).toBe(W + N - 1);
    expect(second.report.notes.join(' ')).toMatch(/could not be matched with certainty/);
    expectOnlyBlockChanged(s.sheet, second.before, second.write.block);
    // The marker now names the new block.
    expect(nameFormulaOf(s.sheet, markerName('support'))).toBe(`=Register!$${columnLetters(W + N)}$1:$${columnLetters(W + N)}$${register.length}`);
  });
});

describe('the marker', () => {
  it('is one hidden sheet-scoped name per result column, header row to last data row, and the run\'s name; a second run replaces them', async () => {
    const s = setUp();
    await run(s);
    expect(s.sheet.names.map((n) => n.name).sort()).toEqual([...RESULT_IDS.map(markerName), RUN_MARKER].sort());
    expect(s.sheet.names.every((n) => !n.visible)).toBe(true);
    RESULT_IDS.forEach((id, i) => expect(nameFormulaOf(s.sheet, markerName(id))).toBe(`=${columnReference('Register', W + i, 0, register.length - 1)}`));
    expect(parseRunFormula(nameFormulaOf(s.sheet, RUN_MARKER))).toEqual({ runId: 'run-1', frameworkId: 'oxfordshire', asOf: '2026-11-01' });
    await run(s, LATER, 'run-2');
    expect(s.sheet.names).toHaveLength(N + 1);
    expect(parseRunFormula(nameFormulaOf(s.sheet, RUN_MARKER))?.runId).toBe('run-2');
  });

  it('written by the command line (the same names, the block moved and reordered by the analyst) is found, and refreshed in place', async () => {
    const s = setUp();
    // As the command line writes them: `<definedName name="SchoolRisk.category" localSheetId="0" hidden="1">Register!$BQ$1:$BQ$31</definedName>`.
    const columns = RESULT_IDS.map((_, i) => W + 2 + ((i + 3) % N));
    columns.forEach((c, i) => s.sheet.put(0, c, [[RESULT_HEADERS[i]!]]));
    RESULT_IDS.forEach((id, i) => {
      const a = parseAddress(columnReference('Register', columns[i]!, 0, register.length - 1).replace(/\$/g, ''));
      s.sheet.names.push({ name: markerName(id), sheet: s.sheet, box: { top: a.top, left: a.left, bottom: a.bottom, right: a.right }, comment: '', visible: false });
    });
    const { plan, write, before } = await run(s);
    expect(plan.placement.found).toBe('marker');
    expect(write.block.columns).toEqual(columns);
    expectOnlyBlockChanged(s.sheet, before, write.block);
    expect(s.sheet.value(1, columns[CATEGORY]!)).toBe(plan.rows[0]!.cells[CATEGORY]);
  });
});

describe('results inside the analyst\'s table', () => {
  it('become table columns in the same syncs; a sort moves each school\'s results with it; the next run refreshes them in place', async () => {
    const s = setUp(register, { table: true });
    const first = await run(s);
    expect(first.report.insideTable).toBe('Schools');
    expect(s.sheet.table('Schools')).toMatchObject({ left: 0, right: W + N - 1, bottom: register.length - 1 });
    expect(s.sheet.tableColumnNames('Schools').slice(W)).toEqual([...RESULT_HEADERS]);
    expect(first.report.notes.join(' ')).toMatch(/added to table "Schools"/);
    const urn = register[0]!.indexOf('URN');
    const byUrn = categoriesByUrn(s.sheet, register.length - 1, urn, W + CATEGORY);
    const column = () => s.sheet.grid({ top: 1, left: W + CATEGORY, bottom: register.length - 1, right: W + CATEGORY }).flat();
    const unsorted = column();
    expect(new Set(unsorted).size).toBeGreaterThan(1);

    // The analyst sorts the table by school name, Z to A.
    const name = register[0]!.indexOf('School name');
    s.double.sortTable('Register', 'Schools', (a, b) => String(b[name]).localeCompare(String(a[name])));
    expect(column()).not.toEqual(unsorted);
    expect(categoriesByUrn(s.sheet, register.length - 1, urn, W + CATEGORY)).toEqual(byUrn);

    const second = await run(s, LATER, 'run-2');
    expect(second.plan.placement.found).toBe('marker');
    expect(second.write.block.table).toMatchObject({ name: 'Schools', right: null });
    expect(second.report.insideTable).toBe('Schools');
    // Each school's previous category is its own (its label, without a variant or the provisional mark).
    const label = (text: unknown) => String(text).replace(/ \(.*$| \[override\]$/g, '');
    expect(categoriesByUrn(s.sheet, register.length - 1, urn, W + PREVIOUS)).toEqual(new Map([...byUrn].map(([k, v]) => [k, label(v)])));
    expectOnlyBlockChanged(s.sheet, second.before, second.write.block);
  });

  it('a first write that fails says nothing of a table it did not confirm', async () => {
    const s = setUp(register, { table: true });
    const region = await s.port.readRegister();
    const write = runWrite(region, planRegion(region, oxfordshire, ASOF), oxfordshire, ASOF, new Date(0), 'run-1');
    s.double.failure = { sync: s.double.syncs + 1, atCommand: 0 };
    const report = await s.port.writeRun(write);
    expect(report).toMatchObject({ status: 'failed', rowsDone: 0, insideTable: null });
    expect(report.notes.join(' ')).not.toMatch(/added to table/);
    expect(s.sheet.table('Schools')!.right).toBe(W - 1);
  });

  it('a table column already named like one of ours gets Excel\'s "Category2", so the table\'s names stay unique', async () => {
    const grid = register.map((r, i) => [...r, i === 0 ? 'Category' : 'Amber (2024)']);
    const s = setUp(grid, { table: true });
    const { write, report, before } = await run(s);
    expect(write.block.headers[CATEGORY]).toBe('Category2');
    expect(report.insideTable).toBe('Schools');
    const names = s.sheet.tableColumnNames('Schools');
    expect(names.slice(W + 1)).toEqual(['Category2', ...RESULT_HEADERS.slice(1)]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expectOnlyBlockChanged(s.sheet, before, write.block);
  });

  it('a notes column against the table keeps the results beside, past the notes; the table is not stretched over them, and the pane says why', async () => {
    const grid = register.map((r, i) => [...r, i === 0 ? '' : `note ${i}`]);
    const s = setUp(register, { table: true });
    s.sheet.put(0, 0, grid);
    const { write, report, before } = await run(s);
    expect(write.block.table).toBeNull();
    expect(report.insideTable).toBeNull();
    expect(s.sheet.table('Schools')!.right).toBe(W - 1);
    expect(report.notes.join(' ')).toMatch(new RegExp(`beside table "Schools", not in it.*Column ${columnLetters(W)}, between the table and the results, holds your content`));
    expectOnlyBlockChanged(s.sheet, before, write.block);
  });

  it('on a host without Table.resize (before ExcelApi 1.13) the results go beside the table, and the pane says so', async () => {
    const s = setUp(register, { table: true, support: { tableResize: false, mergedAreas: false } });
    const { report } = await run(s);
    expect(report.insideTable).toBeNull();
    expect(s.sheet.table('Schools')!.right).toBe(W - 1);
    expect(s.sheet.value(0, W)).toBe('Category');
    expect(report.notes.join(' ')).toMatch(/cannot add columns to a table from an add-in/);
  });
});

describe('frozen panes on a plain range', () => {
  it('freeze the header row and the URN and school-name columns when they are among the first four', async () => {
    const s = setUp();
    await run(s);
    expect(s.sheet.frozen).toEqual({ rows: 1, columns: 2 });
  });

  it('freeze the header row only when the URN is further right', async () => {
    const s = setUp(register, { at: 5 });
    await run(s);
    expect(s.sheet.frozen).toEqual({ rows: 1, columns: 0 });
  });

  it.each([
    ['the sheet already has frozen panes', { frozen: { rows: 3, columns: 0 } }, {}, { rows: 3, columns: 0 }],
    ['the register is a table', {}, { table: true }, null],
    ['the host has no freezePanes (before ExcelApi 1.7)', {}, { support: { freezePanes: false } }, null],
  ] as const)('are left alone when %s', async (_why, sheetState, options, expected) => {
    const s = setUp(register, options);
    Object.assign(s.sheet, sheetState);
    await run(s);
    expect(s.sheet.frozen).toEqual(expected);
  });
});

describe('what it costs', () => {
  it('the names, frozen panes, formula cells and table box ride on the read\'s two syncs; the resize, names and panes on the first write', async () => {
    const plain = setUp();
    await run(plain);
    const bare = plain.double.syncs;
    const s = setUp(register.map((r, i) => [...r, i === 0 ? '' : `note ${i}`]), { table: true });
    s.sheet.tables[0]!.right = W - 1;
    Object.assign(s.sheet.cell(1, W + 20, true)!, { value: '', formula: '=""' });
    const first = await run(s);
    expect(s.double.syncs).toBe(bare);
    expect(first.writeSyncs).toBe(2);
    await run(s, LATER, 'run-2');
    expect(s.double.syncs).toBe(2 * bare);
  });
});

describe('the Excel double keeps Excel\'s rules', () => {
  const withTable = () => {
    const d = new ExcelDouble();
    const sheet = d.addSheet('Register', [['URN', 'Name', ''], [1, 'a', ''], [2, 'b', '']]);
    sheet.tables.push({ name: 'T', top: 0, left: 0, bottom: 2, right: 1 });
    return { d, sheet };
  };

  it('a name follows its column when a column is inserted before it, grows when one is inserted inside it, and is #REF! when its column is deleted', () => {
    const { d, sheet } = withTable();
    sheet.names.push({ name: 'One', sheet, box: { top: 0, left: 1, bottom: 2, right: 1 }, comment: '', visible: true });
    sheet.names.push({ name: 'Two', sheet, box: { top: 0, left: 0, bottom: 0, right: 1 }, comment: '', visible: true });
    d.insertColumns('Register', 1);
    expect(nameFormulaOf(sheet, 'One')).toBe('=Register!$C$1:$C$3');
    expect(nameFormulaOf(sheet, 'Two')).toBe('=Register!$A$1:$C$1');
    expect(sheet.tableColumnNames('T')).toEqual(['URN', 'Column1', 'Name']);
    d.deleteColumns('Register', 2);
    expect(nameFormulaOf(sheet, 'One')).toBe('=Register!#REF!');
    expect(nameFormulaOf(sheet, 'Two')).toBe('=Register!$A$1:$B$1');
  });

  it('adding a name that exists is refused, as is a name Excel would not accept', async () => {
    const { d } = withTable();
    await expect(d.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Register');
      ws.names.add('SchoolRisk.category', ws.getRange('C1:C3'));
      ws.names.add('schoolrisk.CATEGORY', ws.getRange('C1:C3'));
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(d.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Register').names.add('AB12', '="x"');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('Table.resize keeps the header row, overlaps the table and refuses a clashing column name; header cells become names', async () => {
    const resize = async (address: string, header?: string) => {
      const { d, sheet } = withTable();
      if (header) sheet.put(0, 2, [[header]]);
      await d.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Register');
        (ws.tables.getItem('T') as unknown as { resize(r: Excel.Range): void }).resize(ws.getRange(address));
        await ctx.sync();
      });
      return sheet;
    };
    await expect(resize('A2:C3')).rejects.toBeInstanceOf(DoubleError);
    await expect(resize('E1:F3')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(resize('A1:C3', 'urn')).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect((await resize('A1:C3', 'Category')).tableColumnNames('T')).toEqual(['URN', 'Name', 'Category']);
    expect((await resize('A1:C3')).tableColumnNames('T')).toEqual(['URN', 'Name', 'Column1']);
  });

  it('a header cell written inside a table that clashes is renamed as Excel renames it', async () => {
    const { d, sheet } = withTable();
    await d.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Register').getRange('B1').values = [['URN']];
      await ctx.sync();
    });
    expect(sheet.tableColumnNames('T')).toEqual(['URN', 'URN2']);
  });

  it('frozen panes and formula cells read as null objects when there are none', async () => {
    const { d, sheet } = withTable();
    await d.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Register');
      const frozen = ws.freezePanes.getLocationOrNullObject();
      frozen.load('address');
      const formulas = ws.getRange('A1:C3').getSpecialCellsOrNullObject('Formulas' as Excel.SpecialCellType);
      formulas.load('address');
      await ctx.sync();
      expect([frozen.isNullObject, formulas.isNullObject]).toEqual([true, true]);
      ws.freezePanes.freezeAt(ws.getRange('A1:B1'));
      ws.getRange('C2:C3').values = [['=1+1'], ['=2+2']];
      await ctx.sync();
      const again = ws.freezePanes.getLocationOrNullObject();
      again.load('address');
      const some = ws.getRange('A1:C3').getSpecialCellsOrNullObject('Formulas' as Excel.SpecialCellType);
      some.load('address');
      await ctx.sync();
      expect([again.address, some.address]).toEqual(['Register!A1:B1', 'Register!C2:C3']);
    });
    expect(sheet.frozen).toEqual({ rows: 1, columns: 2 });
  });

  it('sorting a table moves its rows across its own columns only', () => {
    const { d, sheet } = withTable();
    sheet.put(1, 2, [['beside 1'], ['beside 2']]);
    d.sortTable('Register', 'T', (a, b) => Number(b[0]) - Number(a[0]));
    expect(sheet.grid({ top: 1, left: 0, bottom: 2, right: 2 })).toEqual([[2, 'b', 'beside 1'], [1, 'a', 'beside 2']]);
  });
});
