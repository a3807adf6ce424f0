/**
 * The task pane's result block on the live sheet, as plain data for the port: what placement needs to
 * know about the sheet (the marker and the formula cells, in the grid the run reads), and, from a plan,
 * where each result column is, which headers to write, the names that mark the block, whether the
 * results join the analyst's table, and which panes to freeze. The rules themselves are placement's
 * (resultPlacement.ts) and the marker's (resultMarker.ts), shared with the command line.
 */
import { columnLetters, type RegisterRegion, type ResultBlock, type SheetBox } from '../workbook/port';
import type { GridValue } from '../workbook/cell';
import type { RunPlan, RunOptions } from './registerRun';
import { markerName, RUN_MARKER, runFormula } from './resultMarker';
import { RESULT_COLUMNS, RESULT_IDS, type ResultMarker } from './resultPlacement';

/** Freezing more header rows than this would take most of a laptop's screen: the sheet is left as it is. */
const MOST_FROZEN_ROWS = 10;
/** The URN and name columns are frozen only when they are among the sheet's first columns. */
const MOST_FROZEN_COLUMNS = 4;

const blank = (v: GridValue | undefined) => v === undefined || v === null || v === '';

/** Placement's view of the live sheet, in the region's grid: the marker, the cells a formula holds, and column names as the sheet shows them. */
export function placementOptions(region: RegisterRegion, seen: readonly (readonly GridValue[])[]): Pick<RunOptions, 'marker' | 'occupied' | 'columnName' | 'previousRun'> {
  const { top, left } = region;
  const marker: ResultMarker | null = region.marker
    ? { columns: Object.fromEntries(Object.entries(region.marker.columns).map(([id, c]) => [id, typeof c === 'number' ? c - left : c])) }
    : null;
  const formulaRows = formulaRowsByColumn(region.formulas ?? []);
  // A host that cannot list formula cells (before ExcelApi 1.9) cannot tell a formula giving "" from an
  // empty cell, so every cell of the region counts as taken: a new block then starts past the used range.
  const width = seen.reduce((w, r) => Math.max(w, r.length), 0);
  const unknown = region.formulas === undefined;
  // A cell the read skipped (a column the run does not need, past the first rows) is unknown, so taken.
  const read = region.partial ? new Set(region.partial.columns) : null;
  const unread = (r: number, c: number) => read !== null && r >= region.partial!.fromRow && c < width && !read.has(c);
  const occupied = (r: number, c: number) => !blank(seen[r]?.[c]) || unread(r, c) || (unknown ? c < width : formulaRows(c + left).has(r + top));
  return { marker, occupied, columnName: (c) => columnLetters(c + left), previousRun: region.previousRun ?? null };
}

/** The sheet rows holding a formula in a sheet column, worked out for a column when placement first asks about it. */
function formulaRowsByColumn(areas: readonly SheetBox[]): (column: number) => ReadonlySet<number> {
  const rows = new Map<number, Set<number>>();
  return (column) => {
    let set = rows.get(column);
    if (!set) {
      set = new Set();
      for (const a of areas) if (a.left <= column && column <= a.right) for (let r = a.top; r <= a.bottom; r++) set.add(r);
      rows.set(column, set);
    }
    return set;
  };
}

/** The parts of the port's result block that say where and how it goes (the rows are the caller's). */
export type BlockPlacement = Pick<ResultBlock, 'columns' | 'headers' | 'marker' | 'table' | 'freeze' | 'notes'>;

/** Where the plan's results go on the sheet and what goes with them. */
export function blockPlacement(region: RegisterRegion, plan: RunPlan, run: { runId: string; frameworkId: string; asOf: string; lastRow: number }): BlockPlacement {
  const headerRow = region.top + plan.located.headerIndex;
  const columns = plan.placement.columns.map((c) => region.left + c);
  const { table, notes } = tableFor(region, headerRow, columns);
  const ours = new Set(RESULT_IDS.map((id) => markerName(id).toLowerCase()).concat(RUN_MARKER.toLowerCase()));
  return {
    columns,
    headers: headersFor(region, plan, columns, table),
    marker: {
      replace: (region.markerNames ?? []).filter((n) => ours.has(n.toLowerCase())),
      names: RESULT_IDS.map(markerName),
      lastRow: Math.max(headerRow, run.lastRow),
      run: { name: RUN_MARKER, formula: runFormula(run.runId, run.frameworkId, run.asOf) },
    },
    table,
    freeze: freezeFor(region, plan, headerRow),
    notes: [...plan.placement.notes, ...notes],
  };
}

/**
 * The table the results belong to: inside it already, or to be added to it when they start right after
 * its last column (a table is one block of columns, so results past a column of the analyst's content
 * cannot join it: they stay beside, and the analyst is told why).
 */
function tableFor(region: RegisterRegion, headerRow: number, columns: readonly number[]): { table: ResultBlock['table']; notes: string[] } {
  const box = region.tableBox;
  if (region.kind !== 'table' || !box || !region.table) return { table: null, notes: [] };
  const name = region.table;
  const outside = columns.filter((c) => c > box.right).sort((a, b) => a - b);
  if (headerRow === box.top && columns.every((c) => c >= box.left)) {
    if (outside.length === 0) return { table: { name, box, right: null }, notes: [] };
    if (outside.every((c, i) => c === box.right + 1 + i)) return { table: { name, box, right: box.right + outside.length }, notes: [] };
  }
  const gap = outside.length && outside[0]! > box.right + 1 ? { from: box.right + 1, to: outside[0]! - 1 } : null;
  const between = gap ? ` ${gap.from === gap.to ? `Column ${columnLetters(gap.from)}` : `Columns ${columnLetters(gap.from)} to ${columnLetters(gap.to)}`}, between the table and the results, ${gap.from === gap.to ? 'holds' : 'hold'} your content.` : '';
  return {
    table: null,
    notes: [`The results are beside table "${name}", not in it, so sorting or filtering the table will not move them.${between} To keep each school with its results, move that content and run again, or resize the table over the results (Table Design > Resize Table).`],
  };
}

/**
 * The header written above each result (`null`: keep the one there). Inside a table a header is a column
 * name, and Excel requires them unique: one the analyst's table already has gets Excel's own "Category2".
 */
function headersFor(region: RegisterRegion, plan: RunPlan, columns: readonly number[], table: ResultBlock['table']): (string | null)[] {
  const headerCells = region.values[plan.located.headerIndex] ?? [];
  const right = table ? (table.right ?? table.box.right) : -1;
  const inTable = (c: number) => table !== null && c >= table.box.left && c <= right;
  const rewritten = new Set(columns.filter((_, i) => plan.placement.writeHeader[i]));
  const taken = new Set<string>();
  if (table) for (let c = table.box.left; c <= table.box.right; c++) if (!rewritten.has(c)) taken.add(String(headerCells[c - region.left] ?? '').trim().toLowerCase());
  return RESULT_COLUMNS.map((col, i) => {
    if (!plan.placement.writeHeader[i]) return null;
    if (!inTable(columns[i]!)) return col.header;
    let name: string = col.header;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${col.header}${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** On a plain range whose sheet has no frozen panes: the header row, with the URN and name columns when they are among the first four. */
function freezeFor(region: RegisterRegion, plan: RunPlan, headerRow: number): ResultBlock['freeze'] {
  if (region.kind !== 'used-range' || region.frozen !== false || headerRow >= MOST_FROZEN_ROWS) return null;
  const { urn, schoolName } = plan.located.mapping.byField;
  const keys = [urn, schoolName].map((c) => (c === undefined ? Infinity : region.left + c));
  const columns = keys.every((c) => c < MOST_FROZEN_COLUMNS) ? Math.max(...keys) + 1 : 0;
  return { rows: headerRow + 1, columns };
}
