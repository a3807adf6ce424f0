/**
 * The task pane's refresh on the Excel double: the same plan as the command line's from the same files
 * (read from their bytes, Windows-1252), written as the preview said (the changed cells only, in the
 * inspection columns), the Changes sheet and the hidden memory; a second refresh with the same files
 * changes nothing; a value the analyst entered after the refresh is a conflict, kept; a column the
 * register lacks is added inside the analyst's table; and every request stays under Excel on the web's
 * 5 MB.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { locateRegister } from '../../../src/run/locateRegister';
import { GIAS_FIELDS, MI_FIELDS, planRefresh, type OfficialFile } from '../../../src/run/refresh';
import { CHANGES_SHEET, REFRESH_MEMORY_SHEET } from '../../../src/run/refreshSheets';
import { applyRefresh, officialFromBytes, previewRefresh, type RefreshOptions } from '../../../src/run/taskpaneRefresh';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { createOfficePort } from '../../../src/workbook/office';
import { REQUEST_LIMIT_BYTES } from '../../../src/workbook/port';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { cellAt, ExcelDouble, type CellModel, type SheetModel } from '../../support/excelDouble';

const OPTIONS: RefreshOptions = { asOf: fromIsoDate('2026-11-01')!, la: '999' };
let register: Cell[][] = [];
let mi: OfficialFile;
let gias: OfficialFile;
let warnings: readonly string[] = [];

beforeAll(async () => {
  register = (await readSheetGrid('examples/sample-register.xlsx')).values.map((r) => r.map(shownCell));
  const m = officialFromBytes('ofsted-mi-sample.csv', readFileSync('examples/ofsted-mi-sample.csv'));
  const g = officialFromBytes('gias-sample.csv', readFileSync('examples/gias-sample.csv'));
  mi = m.file;
  gias = g.file;
  warnings = [...m.warnings, ...g.warnings];
});

/** The register as the analyst's table "Schools" on sheet Register, the selection in it. */
function setUp(grid: readonly (readonly Cell[])[] = register) {
  const double = new ExcelDouble();
  const sheet = double.addSheet('Register');
  sheet.put(0, 0, grid);
  sheet.tables.push({ name: 'Schools', top: 0, left: 0, bottom: grid.length - 1, right: grid[0]!.length - 1 });
  double.selection = { sheet: 'Register', box: { top: 2, left: 1, bottom: 2, right: 1 } };
  return { double, sheet, port: createOfficePort({ run: double.run, settings: double.settings }) };
}

/** Preview, then Apply; the syncs and request bytes of each. */
async function refresh(s: ReturnType<typeof setUp>, options: RefreshOptions = OPTIONS) {
  const at = s.double.syncs;
  const preview = await previewRefresh(s.port, mi, gias, options);
  const previewSyncs = s.double.syncs - at;
  const before = s.sheet.snapshot();
  const from = s.double.syncs;
  const outcome = await applyRefresh(s.port, preview, mi, gias, options);
  if (outcome.status !== 'written') throw new Error('the workbook changed since the preview');
  const bytes = s.double.requestBytes.slice(from);
  return { preview, report: outcome.report, before, previewSyncs, applySyncs: s.double.syncs - from, applyBytes: bytes.reduce((a, n) => a + n, 0), maxBytes: Math.max(...bytes) };
}

/** The cells of a sheet that differ between two snapshots (value, formula or format), as [row, column]. */
function changedCells(sheet: SheetModel, before: Map<number, CellModel>): [number, number][] {
  const after = sheet.snapshot();
  return [...new Set([...before.keys(), ...after.keys()])].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k))).map(cellAt).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('the pane plans the refresh the command line plans', () => {
  it('reads the published files from their bytes (Windows-1252, said once per file) and gives the same plan as on the file', async () => {
    expect(warnings).toEqual([expect.stringMatching(/^ofsted-mi-sample\.csv: The file is not UTF-8: it was read as Windows-1252/), expect.stringMatching(/^gias-sample\.csv: .*Windows-1252/)]);
    expect(mi.values.flat()).toContain('École Sainte-Thérèse Primary');
    const s = setUp();
    const { plan, counts } = await previewRefresh(s.port, mi, gias, OPTIONS);
    const onFile = (await readSheetGrid('examples/sample-register.xlsx')).values;
    const located = locateRegister(onFile)!;
    const cli = planRefresh({ values: onFile, headerIndex: located.headerIndex, mapping: located.mapping }, mi, gias, OPTIONS);
    expect(plan).toEqual(cli);
    expect(counts).toMatchObject({ filled: 51, updated: 2, conflicts: 0, notInRegister: 2, notInOfficial: 1, byPredecessor: 1, newColumns: 0 });
    // A preview writes nothing.
    expect(s.double.operations.flat().filter((op) => op !== 'load' && op !== 'suspendCalc')).toEqual([]);
  });
});

describe('Apply on the double', () => {
  it('writes every previewed change and no other cell of the register, the Changes sheet, and the memory hidden; within the 5 MB caps', async () => {
    const s = setUp();
    const r = await refresh(s);
    expect(r.report).toMatchObject({ status: 'done', cellsDone: 53, totalCells: 53, sheetsWritten: true, changesSheet: CHANGES_SHEET });
    const header = register[0]!.map(String);
    const expected = r.preview.plan.changes.map((c) => [c.row, header.indexOf(c.header)] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // Only the changed cells, every one in a column the refresh owns.
    expect(changedCells(s.sheet, r.before)).toEqual(expected);
    const mapping = locateRegister(register)!.mapping;
    const owned = new Set([...MI_FIELDS, ...GIAS_FIELDS].map((f) => mapping.byField[f]));
    expect(expected.every(([, c]) => owned.has(c))).toBe(true);
    for (const c of r.preview.plan.changes) expect(s.sheet.value(c.row, header.indexOf(c.header))).toBe(c.value);
    // A date goes in as an Excel date, shown as a date where the cell had no format of its own.
    const date = r.preview.plan.changes.find((c) => c.field === 'reportCardDate')!;
    const cell = s.sheet.cell(date.row, header.indexOf(date.header))!;
    expect(typeof cell.value).toBe('number');
    expect(cell.numberFormat).toBe('dd/mm/yyyy');
    // The Changes sheet lists them, and the hidden sheet remembers what was written.
    const changes = s.double.sheet(CHANGES_SHEET)!;
    expect(changes.grid({ top: 0, left: 0, bottom: 1, right: 8 })).toEqual([['URN', 'School', 'Column', 'Was', 'Now', 'Source', 'Source date', 'What', 'Why'], ['Changed (53)', '', '', '', '', '', '', '', '']]);
    expect(changes.pageLayout.orientation).toBe('Landscape');
    const memory = s.double.sheet(REFRESH_MEMORY_SHEET)!;
    expect(memory.visibility).toBe('Hidden');
    expect(memory.usedBox()!.bottom).toBe(53 + 1);
    // The apply's own re-read (register and memory: 3 syncs) and the write (2 syncs), each request far under the cap.
    expect(r.applySyncs).toBeLessThanOrEqual(5);
    expect(r.maxBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    console.info(`refresh of the 200-school sample on the double: preview ${r.previewSyncs} syncs; apply ${r.applySyncs} syncs, ${r.applyBytes} request bytes (largest ${r.maxBytes})`);
  });

  it('a date written into a Text, number or date-formatted cell: a date in Excel\'s terms, shown as a date; the analyst\'s date format kept', async () => {
    const s = setUp();
    const header = register[0]!.map(String);
    const { plan } = await previewRefresh(s.port, mi, gias, OPTIONS);
    const dated = plan.changes.filter((c) => typeof c.value === 'number' && /date/i.test(c.field));
    expect(dated.length).toBeGreaterThanOrEqual(6);
    // The analyst's formats on the cells the refresh dates: Text (a column typed as text), a number format, their own date format.
    const formats = ['@', '0.00', 'd mmm yyyy'] as const;
    dated.forEach((c, i) => (s.sheet.cell(c.row, header.indexOf(c.header), true)!.numberFormat = formats[i % 3]));
    await applyRefresh(s.port, await previewRefresh(s.port, mi, gias, OPTIONS), mi, gias, OPTIONS);
    const shown = dated.map((c, i) => {
      const cell = s.sheet.cell(c.row, header.indexOf(c.header))!;
      return `${formats[i % 3]}: ${typeof cell.value} ${cell.value === c.value} ${cell.numberFormat}`;
    });
    expect(shown).toEqual(dated.map((_, i) => `${formats[i % 3]}: number true ${formats[i % 3] === 'd mmm yyyy' ? 'd mmm yyyy' : 'dd/mm/yyyy'}`));
  });

  it('a second refresh with the same files changes nothing in the register', async () => {
    const s = setUp();
    await refresh(s);
    const again = await refresh(s);
    expect(again.preview.plan.changes).toEqual([]);
    expect(again.preview.plan.conflicts).toEqual([]);
    expect(again.report).toMatchObject({ status: 'done', cellsDone: 0, totalCells: 0 });
    expect(changedCells(s.sheet, again.before)).toEqual([]);
    // Its Changes sheet replaced the first (ours: the memory says so), not a "Changes (2)".
    expect(s.double.sheets.map((x) => x.name)).toEqual(['Register', CHANGES_SHEET, REFRESH_MEMORY_SHEET]);
    expect(s.double.sheet(CHANGES_SHEET)!.value(1, 0)).toBe('Changed (0)');
  });

  it('a value the analyst entered after the refresh is a conflict, kept as theirs and listed; preferring the official value writes it', async () => {
    const s = setUp();
    const first = await refresh(s);
    const target = first.preview.plan.changes.find((c) => c.field === 'rcLeadershipGovernance')!;
    const col = register[0]!.indexOf(target.header);
    s.sheet.cell(target.row, col)!.value = 'Strong standard';
    const second = await refresh(s);
    expect(second.preview.plan.changes).toEqual([]);
    expect(second.preview.plan.conflicts).toEqual([expect.objectContaining({ urn: target.urn, field: 'rcLeadershipGovernance', oldText: 'Strong standard', kind: 'conflict' })]);
    expect(s.sheet.value(target.row, col)).toBe('Strong standard');
    expect(changedCells(s.sheet, second.before)).toEqual([]);
    const listed = s.double.sheet(CHANGES_SHEET)!.grid({ top: 0, left: 0, bottom: 8, right: 8 });
    expect(listed).toContainEqual([target.urn, target.school, target.header, 'Strong standard', target.newText, 'ofsted-mi-sample.csv', target.sourceDate, 'kept', expect.stringMatching(/changed in the register since the refresh of 01\/11\/2026/)]);
    const preferred = await refresh(s, { ...OPTIONS, preferOfficial: true });
    expect(preferred.preview.plan.changes).toEqual([expect.objectContaining({ kind: 'official preferred' })]);
    expect(s.sheet.value(target.row, col)).toBe(target.newText);
  });

  it('adds a column the register lacks inside the analyst\'s table, headed with its label, and fills it', async () => {
    const drop = register[0]!.indexOf('Ungraded outcome');
    const grid = register.map((r) => r.filter((_, i) => i !== drop));
    const s = setUp(grid);
    const r = await refresh(s);
    expect(r.preview.plan.newColumns).toEqual(['ungradedOutcome']);
    const w = grid[0]!.length;
    expect(s.sheet.value(0, w)).toBe('Ungraded outcome');
    expect(s.sheet.cell(0, w)!.bold).toBe(true);
    expect(s.sheet.table('Schools')!.right).toBe(w);
    expect(r.report.notes).toEqual([expect.stringMatching(/^The added columns were added to table "Schools" as columns? [A-Z]+, so sorting or filtering the table keeps each school with its values\.$/)]);
    const outcomes = r.preview.plan.changes.filter((c) => c.field === 'ungradedOutcome');
    expect(outcomes.length).toBeGreaterThan(0);
    for (const c of outcomes) expect(s.sheet.value(c.row, w)).toBe(c.value);
    // Nothing else in the new column but its header and the outcomes; nothing outside the changes and the new header.
    const header = grid[0]!.map(String);
    const expected = r.preview.plan.changes.map((c) => [c.row, c.field === 'ungradedOutcome' ? w : header.indexOf(c.header)] as [number, number]);
    expect(changedCells(s.sheet, r.before)).toEqual([[0, w], ...expected].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('writes nothing when the register changed since the preview, and gives the new preview', async () => {
    const s = setUp();
    const preview = await previewRefresh(s.port, mi, gias, OPTIONS);
    const target = preview.plan.changes[0]!;
    s.sheet.cell(target.row, register[0]!.indexOf(target.header), true)!.value = 'Typed meanwhile';
    const before = s.sheet.snapshot();
    const outcome = await applyRefresh(s.port, preview, mi, gias, OPTIONS);
    expect(outcome.status).toBe('changed');
    expect(changedCells(s.sheet, before)).toEqual([]);
    expect(s.double.sheet(CHANGES_SHEET)).toBeUndefined();
  });
});
