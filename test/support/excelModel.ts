/**
 * The workbook inside the Excel double (test/support/excelDouble.ts): sheets of cells (values and
 * formats), tables, defined names, merged areas, frozen panes, row heights, charts, page layout and page
 * breaks, and the edits an analyst makes between two runs, done as Excel does them:
 *
 * - A chart reads its source range when it is made, as Excel's Insert Chart does (see `chartSeries`).
 * - Autofitting rows sets each row as tall as its tallest cell needs now: wrapped text takes as many
 *   lines as its column's width holds (see `autofitHeight`); text written after the autofit does not
 *   change the height, as in Excel.
 * - A new sheet prints as Excel's does: portrait, Letter, at 100%, no header or footer, no print titles.
 *
 * - Inserting columns shifts every cell, table, merged area and defined name at or right of the
 *   insertion; a column inserted inside a table becomes a table column named "Column1" (or the next
 *   free "ColumnN"); a name whose range spans the insertion grows.
 * - Deleting columns removes their cells and shifts the rest left; a name whose whole range is deleted
 *   refers to `Sheet!#REF!` (as Excel shows it in the Name Manager); a table loses those columns.
 * - Sorting a table permutes its data rows across the table's columns only: cells right of the table in
 *   those rows stay where they are.
 * - A table's header cells are its column names: unique (ignoring case) and never blank. Writing a
 *   header cell that clashes renames it "Category2" as Excel does when one is typed; `resize` refuses a
 *   range whose new header cells clash, must keep the header row and must overlap the old range
 *   (Excel.Table.resize, ExcelApi 1.13).
 */
import type { Cell } from '../../src/workbook/cell';
import { columnLetters, parseAddress } from '../../src/workbook/port';

/** A box of cells, 0-based and inclusive. */
export interface Box { top: number; left: number; bottom: number; right: number }

/** One cell of the model. */
export interface CellModel {
  value: Cell;
  /** Set when the written string started a formula. */
  formula?: string;
  numberFormat?: string;
  fill?: string;
  fontColour?: string;
  bold?: boolean;
  /** Font size in points (11 when absent). */
  fontSize?: number;
  wrap?: boolean;
  verticalAlignment?: string;
}

/** One series of a chart: its name (from the cell Excel took it from, or "Series1"), the cells of its values and of its categories. */
export interface SeriesModel {
  name: string;
  values: string;
  categories: string | null;
  /** Bar fill or line colour, when set. */
  colour?: string;
  marker?: { style?: string; fill?: string; outline?: string };
  /** Per point: its fill and outline colours, when set. */
  points: { fill?: string; outline?: string }[];
}

/** A chart added through `charts.add`. */
export interface ChartModel {
  type: string;
  source: string;
  seriesBy: string;
  series: SeriesModel[];
  title?: string;
  legendVisible: boolean;
  /** The cells the chart covers: its top-left one and the last one it covers whole. */
  position?: [string, string?];
}

/** How a sheet prints (Worksheet.pageLayout, ExcelApi 1.9). */
export interface PageLayoutModel {
  orientation: string;
  paperSize: string;
  /** A scale in percent, or pages to fit across and down (0: as many as needed). */
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** In points. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** The header and footer of every page, in Excel's codes ("Page &P of &N"). */
  header: { left: string; center: string; right: string };
  footer: { left: string; center: string; right: string };
  /** Rows repeated at the top of each printed page ("$1:$1"), or null. */
  printTitleRows: string | null;
}

/** A new sheet's page layout, as Excel gives it. */
export const defaultPageLayout = (): PageLayoutModel => ({
  orientation: 'Portrait', paperSize: 'Letter', zoom: { scale: 100 },
  margins: { left: 50.4, right: 50.4, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
  header: { left: '', center: '', right: '' }, footer: { left: '', center: '', right: '' }, printTitleRows: null,
});

/** An Excel table: its name and its box, header row included. */
export interface TableModel extends Box {
  name: string;
  /** Its last row is a totals row (`Table.showTotals`): not sorted with the data rows. */
  showTotals?: boolean;
}

/** A sheet-scoped defined name: a range on a sheet (`box` null once Excel made it #REF!), or a constant formula. */
export interface NameModel {
  name: string;
  sheet: SheetModel | null;
  box: Box | null;
  constant?: string;
  comment: string;
  visible: boolean;
}

/** An Office.js-like error with its code. */
export class DoubleError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

const KEY = 20_000;
/** Excel's default row height and column width, in points (15 and 8.43 characters at 11-point Calibri). */
const DEFAULT_ROW_POINTS = 15;
const DEFAULT_COLUMN_POINTS = 48;

/**
 * The height a cell needs when its row is autofitted: lines of about 1.3 times its font size (15 points at
 * 11-point); wrapped text takes a line per column width of characters (7 pixels a character at 11 point,
 * less 5 of padding, 0.75 point a pixel) in each paragraph, unwrapped text one line. At most 409 points.
 */
export function autofitHeight(c: CellModel, columnPoints: number): number {
  const line = Math.round((c.fontSize ?? 11) * 15 / 11);
  const text = String(c.value ?? '');
  if (!c.wrap || text === '') return line;
  const perLine = Math.max(1, Math.floor((columnPoints / 0.75 - 5) / 7 * 11 / (c.fontSize ?? 11)));
  const lines = text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0);
  return Math.min(409, lines * line);
}

/**
 * The series a chart made from a box shows, read from the cells as Excel reads them when the chart is
 * made: with `seriesBy` "Columns", each column is a series; the first row names them when its cells
 * past the first column are all text, and the first column gives the categories when its cells below
 * that row are all text (else they are data too, and the series are named "Series1", "Series2"...).
 */
export function chartSeries(sheet: SheetModel, box: Box, seriesBy: string): SeriesModel[] {
  if (seriesBy !== 'Columns') throw new DoubleError('InvalidArgument', `The double models charts by columns only, not "${seriesBy}".`);
  const isText = (v: Cell) => typeof v === 'string' && v !== '';
  const namesRow = box.right > box.left && Array.from({ length: box.right - box.left }, (_, j) => sheet.value(box.top, box.left + 1 + j)).every(isText);
  const first = namesRow ? box.top + 1 : box.top;
  const labels = first <= box.bottom && Array.from({ length: box.bottom - first + 1 }, (_, i) => sheet.value(first + i, box.left)).every(isText);
  const column = (c: number) => addressOf(sheet.name, { top: first, left: c, bottom: box.bottom, right: c });
  const series: SeriesModel[] = [];
  for (let c = labels ? box.left + 1 : box.left; c <= box.right; c++) {
    series.push({ name: namesRow ? String(sheet.value(box.top, c)) : `Series${series.length + 1}`, values: column(c), categories: labels ? column(box.left) : null, points: [] });
  }
  return series;
}
/** The key of a cell in `SheetModel.cells` (and in a snapshot). */
export const cellKey = (row: number, col: number) => row * KEY + col;
/** The 0-based row and column of a key. */
export const cellAt = (key: number): [row: number, col: number] => [Math.floor(key / KEY), key % KEY];
export const LAST_ROW = 1_048_575;
export const LAST_COLUMN = 16_383;

const quoted = (sheet: string) => (/[^A-Za-z0-9_]/.test(sheet) ? `'${sheet.replace(/'/g, "''")}'` : sheet);

/** "Sheet1!B3:D10" for a box, as Excel writes addresses. */
export const addressOf = (sheet: string, b: Box) => `${quoted(sheet)}!${columnLetters(b.left)}${b.top + 1}${b.bottom === b.top && b.right === b.left ? '' : `:${columnLetters(b.right)}${b.bottom + 1}`}`;

/** A name's formula as `NamedItem.formula` gives it: "=Register!$BQ$1:$BQ$201", "=Register!#REF!", or its constant. */
export function nameFormula(n: NameModel): string {
  if (n.constant !== undefined) return n.constant;
  const sheet = quoted(n.sheet?.name ?? '');
  if (n.box === null) return `=${sheet}!#REF!`;
  const b = n.box;
  return `=${sheet}!$${columnLetters(b.left)}$${b.top + 1}${b.bottom === b.top && b.right === b.left ? '' : `:$${columnLetters(b.right)}$${b.bottom + 1}`}`;
}

/** The formula of a sheet's name (by name, ignoring case), as Office.js would load it. */
export function nameFormulaOf(sheet: SheetModel, name: string): string {
  const n = sheet.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!n) throw new Error(`No name "${name}" on sheet "${sheet.name}".`);
  return nameFormula(n);
}

/** One worksheet of the model. */
export class SheetModel {
  readonly cells = new Map<number, CellModel>();
  readonly tables: TableModel[] = [];
  readonly charts: ChartModel[] = [];
  /** Merged areas. As in Excel, only a merged area's top-left cell holds a value. */
  readonly merged: Box[] = [];
  /** Names scoped to this sheet. */
  readonly names: NameModel[] = [];
  /** Frozen panes: rows from the top and columns from the left; `null` when none. */
  frozen: { rows: number; columns: number } | null = null;
  /** Column widths in points, where set. */
  columnWidths = new Map<number, number>();
  /** Row heights in points, where autofitted (else the default 15). */
  readonly rowHeights = new Map<number, number>();
  pageLayout: PageLayoutModel = defaultPageLayout();
  /** Manual page breaks: the rows (0-based) a new printed page starts at, in order. */
  readonly pageBreaks: number[] = [];
  /** `Worksheet.visibility`: a hidden sheet is in the workbook but not among the tabs. */
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  constructor(public name: string) {}

  /** A row's height in points. */
  rowHeight(row: number): number {
    return this.rowHeights.get(row) ?? DEFAULT_ROW_POINTS;
  }

  /** Sets rows as tall as their cells need now (Range.format.autofitRows): see `autofitHeight`. */
  autofitRows(top: number, bottom: number): void {
    const need = new Map<number, number>();
    for (const [key, c] of this.cells) {
      const row = Math.floor(key / KEY);
      if (row >= top && row <= bottom) need.set(row, Math.max(need.get(row) ?? DEFAULT_ROW_POINTS, autofitHeight(c, this.columnWidths.get(key % KEY) ?? DEFAULT_COLUMN_POINTS)));
    }
    for (let r = top; r <= bottom; r++) {
      const height = need.get(r) ?? DEFAULT_ROW_POINTS;
      if (height === DEFAULT_ROW_POINTS) this.rowHeights.delete(r);
      else this.rowHeights.set(r, height);
    }
  }

  /** Merges cells ("E1:F1"), as Excel's Merge does: the top-left value stays, the covered cells are emptied. */
  merge(address: string): void {
    const a = parseAddress(address);
    const box = { top: a.top, left: a.left, bottom: a.bottom, right: a.right };
    for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) if (r !== box.top || c !== box.left) this.cells.delete(r * KEY + c);
    this.merged.push(box);
  }

  /** The cell at a 0-based position (created on write). */
  cell(row: number, col: number, create = false): CellModel | undefined {
    const key = row * KEY + col;
    let c = this.cells.get(key);
    if (!c && create) this.cells.set(key, (c = { value: '' }));
    return c;
  }

  /** The value shown at a 0-based position ('' when blank). */
  value(row: number, col: number): Cell {
    return this.cell(row, col)?.value ?? '';
  }

  /** Bounding box of the non-blank cells (a formula counts even when it shows ""), within a box when given, or null. */
  usedBox(within?: Box): Box | null {
    let box: Box | null = null;
    for (const [key, c] of this.cells) {
      if (c.value === '' && c.formula === undefined) continue;
      const row = Math.floor(key / KEY);
      const col = key % KEY;
      if (within && (row < within.top || row > within.bottom || col < within.left || col > within.right)) continue;
      box = box ? { top: Math.min(box.top, row), left: Math.min(box.left, col), bottom: Math.max(box.bottom, row), right: Math.max(box.right, col) } : { top: row, left: col, bottom: row, right: col };
    }
    return box;
  }

  /** Writes a grid of plain values at a 0-based position (test set-up, not through the API). */
  put(row: number, col: number, values: readonly (readonly Cell[])[]): void {
    values.forEach((r, i) => r.forEach((v, j) => {
      if (v !== '') this.cell(row + i, col + j, true)!.value = v;
    }));
  }

  /** The values of a box, as `Range.values` returns them. */
  grid(box: Box): Cell[][] {
    const out: Cell[][] = [];
    for (let r = box.top; r <= box.bottom; r++) {
      const row: Cell[] = [];
      for (let c = box.left; c <= box.right; c++) row.push(this.value(r, c));
      out.push(row);
    }
    return out;
  }

  /** Every cell as it is now (value, formula, format), deep-copied: compare two to see what a run changed. */
  snapshot(): Map<number, CellModel> {
    return new Map([...this.cells].map(([k, c]) => [k, { ...c }]));
  }

  /** The cells holding a formula within a box, as areas (runs down each column, side by side runs joined). */
  formulaAreas(box: Box): Box[] {
    const runs: Box[] = [];
    for (let c = box.left; c <= box.right; c++) {
      let start = -1;
      for (let r = box.top; r <= box.bottom + 1; r++) {
        const has = r <= box.bottom && this.cell(r, c)?.formula !== undefined;
        if (has && start < 0) start = r;
        if (!has && start >= 0) {
          const prev = runs.find((x) => x.right === c - 1 && x.top === start && x.bottom === r - 1);
          if (prev) prev.right = c;
          else runs.push({ top: start, left: c, bottom: r - 1, right: c });
          start = -1;
        }
      }
    }
    return runs;
  }

  /** A table by name (ignoring case). */
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** A table's column names: its header cells. */
  tableColumnNames(name: string): string[] {
    const t = this.table(name)!;
    return this.grid({ top: t.top, left: t.left, bottom: t.top, right: t.right })[0]!.map(String);
  }

  /** After header cells in `written` columns were set: blank ones get "ColumnN", clashing ones a number, as Excel does. */
  normaliseTableHeaders(t: TableModel, written: ReadonlySet<number>): void {
    const taken = new Set<string>();
    for (let c = t.left; c <= t.right; c++) if (!written.has(c)) taken.add(String(this.value(t.top, c)).trim().toLowerCase());
    for (let c = t.left; c <= t.right; c++) {
      if (!written.has(c)) continue;
      const text = String(this.value(t.top, c)).trim();
      const name = uniqueName(text === '' ? 'Column' : text, taken, text === '');
      taken.add(name.toLowerCase());
      if (name !== text) this.cell(t.top, c, true)!.value = name;
    }
  }

  /** Table.resize: the header row stays, the new range overlaps the old, no other table is met, and the new header cells are unique names. */
  resizeTable(t: TableModel, box: Box): void {
    const overlaps = (a: Box, b: Box) => !(a.top > b.bottom || a.bottom < b.top || a.left > b.right || a.right < b.left);
    if (box.top !== t.top) throw new DoubleError('InvalidArgument', 'The table\'s header row must stay in the same row.');
    if (!overlaps(box, t)) throw new DoubleError('InvalidArgument', 'The new range must overlap the table.');
    if (this.tables.some((o) => o !== t && overlaps(o, box))) throw new DoubleError('InvalidOperation', 'A table cannot overlap another table.');
    const names = this.grid({ top: box.top, left: box.left, bottom: box.top, right: box.right })[0]!.map((v) => String(v).trim().toLowerCase());
    const seen = new Set<string>();
    for (const n of names) {
      if (n !== '' && seen.has(n)) throw new DoubleError('InvalidArgument', `A table column named "${n}" already exists: table column names must be unique.`);
      seen.add(n);
    }
    const added = new Set<number>();
    for (let c = box.left; c <= box.right; c++) if (c < t.left || c > t.right) added.add(c);
    Object.assign(t, { left: box.left, right: box.right, bottom: box.bottom });
    this.normaliseTableHeaders(t, new Set([...added].filter((c) => String(this.value(t.top, c)).trim() === '')));
  }
}

function uniqueName(base: string, taken: ReadonlySet<string>, numberAlways: boolean): string {
  if (!numberAlways && !taken.has(base.toLowerCase())) return base;
  for (let n = numberAlways ? 1 : 2; ; n++) if (!taken.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
}

/** Moves every cell of a sheet by a function of its position (dropping the ones it maps to null). */
function remapCells(sheet: SheetModel, to: (row: number, col: number) => [number, number] | null): void {
  const moved = [...sheet.cells].map(([k, c]) => [to(Math.floor(k / KEY), k % KEY), c] as const);
  sheet.cells.clear();
  for (const [at, c] of moved) if (at) sheet.cells.set(at[0] * KEY + at[1], c);
}

/** Inserts `count` whole columns before column `at` of `sheet`, as Excel's Insert > Sheet Columns does. */
export function insertColumns(sheets: readonly SheetModel[], sheet: SheetModel, at: number, count = 1): void {
  remapCells(sheet, (r, c) => [r, c >= at ? c + count : c]);
  const grow = (b: Box) => {
    if (b.left >= at) {
      b.left += count;
      b.right += count;
    } else if (b.right >= at) b.right += count;
  };
  for (const m of sheet.merged) grow(m);
  for (const t of sheet.tables) {
    const inside = t.left < at && at <= t.right;
    grow(t);
    if (inside) sheet.normaliseTableHeaders(t, new Set(Array.from({ length: count }, (_, i) => at + i)));
  }
  for (const n of sheets.flatMap((s) => s.names)) if (n.sheet === sheet && n.box) grow(n.box);
  sheet.columnWidths = new Map([...sheet.columnWidths].map(([c, w]) => [c >= at ? c + count : c, w]));
}

/** Deletes `count` whole columns from column `at` of `sheet`, as Excel's Delete > Sheet Columns does. */
export function deleteColumns(sheets: readonly SheetModel[], sheet: SheetModel, at: number, count = 1): void {
  const last = at + count - 1;
  remapCells(sheet, (r, c) => (c < at ? [r, c] : c > last ? [r, c - count] : null));
  // A box loses the deleted columns; `false` when nothing of it is left.
  const shrink = (b: Box): boolean => {
    if (b.left >= at && b.right <= last) return false;
    const gone = (x: number) => Math.max(0, Math.min(x, last) - at + 1);
    b.left -= b.left > last ? count : gone(b.left - 1);
    b.right -= gone(b.right);
    return true;
  };
  sheet.merged.splice(0, sheet.merged.length, ...sheet.merged.filter(shrink));
  sheet.tables.splice(0, sheet.tables.length, ...sheet.tables.filter(shrink));
  for (const n of sheets.flatMap((s) => s.names)) if (n.sheet === sheet && n.box && !shrink(n.box)) n.box = null;
}

/** Sorts a table's data rows (Data > Sort on the table): its cells move with their rows, cells beside the table do not. */
export function sortTable(sheet: SheetModel, name: string, compare: (a: readonly Cell[], b: readonly Cell[]) => number): void {
  const t = sheet.table(name)!;
  const rows: (CellModel | undefined)[][] = [];
  for (let r = t.top + 1; r <= t.bottom - (t.showTotals ? 1 : 0); r++) rows.push(Array.from({ length: t.right - t.left + 1 }, (_, j) => sheet.cell(r, t.left + j)));
  const valuesOf = (row: (CellModel | undefined)[]) => row.map((c) => c?.value ?? '');
  rows.sort((a, b) => compare(valuesOf(a), valuesOf(b)));
  rows.forEach((row, i) => row.forEach((c, j) => {
    const key = (t.top + 1 + i) * KEY + t.left + j;
    if (c) sheet.cells.set(key, c);
    else sheet.cells.delete(key);
  }));
}
